using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using Grimoire.Cpu.Gemm;

namespace Grimoire.Cpu.Convolution;

/// <summary>A forward micro-kernel that reads its B operand straight from the NCHW image instead of a packed panel: for a
/// tile of Mr output channels by Nr output pixels (two vectors, one pixel-table chunk each) it walks the kernel positions,
/// takes each position's lane masks and offsets from <see cref="ColumnPacker{TL, TV}.PixelTable"/> records of one segment,
/// and sweeps the channels with one masked load per vector and step (masked-off lanes are the zero padding, their
/// addresses never read). The weights come packed as Mr-row panels in (position, channel) order. The whole depth runs in
/// registers, so C is written once.</summary>
internal unsafe interface IDirectConvKernel
{
    static abstract int Mr { get; }

    static abstract int Nr { get; }

    /// <summary>C[0..mr, 0..nr] = A panel · image columns over <paramref name="positions"/> x <paramref name="channels"/>
    /// steps. <paramref name="record"/> is position 0's record of the tile's first chunk; the second chunk's follows at
    /// + <paramref name="recordInts"/>, the next position's at + <paramref name="positionInts"/>.</summary>
    static abstract void Run(int positions, int channels, float* a, float* image, nint channelStride, int* record, nint positionInts, int recordInts,
        float* c, nint ldc, int mr, int nr);
}

/// <summary>AVX-512, 8 x 32: 16 accumulators, 2 masked B loads and 8 broadcasts per step, as <see cref="MicroKernel512Narrow"/>.</summary>
internal readonly unsafe struct DirectConvKernel512 : IDirectConvKernel
{
    public static int Mr => 8;

    public static int Nr => 32;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Run(int positions, int channels, float* a, float* image, nint channelStride, int* record, nint positionInts, int recordInts,
        float* c, nint ldc, int mr, int nr)
    {
        Vector512<float> c00 = default, c01 = default, c10 = default, c11 = default, c20 = default, c21 = default,
            c30 = default, c31 = default, c40 = default, c41 = default, c50 = default, c51 = default,
            c60 = default, c61 = default, c70 = default, c71 = default;
        for (var p = 0; p < positions; p++, record += positionInts)
        {
            // A position whose pixels all lie in the padding adds nothing (the top and bottom rows of a "same" layer).
            if (*record == 0 && record[recordInts] == 0)
            {
                a += (nint)channels * 8;
                continue;
            }
            var (m0, m1) = (Segment(record, image, out var x0), Segment(record + recordInts, image, out var x1));
            for (var ch = 0; ch < channels; ch++, x0 += channelStride, x1 += channelStride, a += 8)
            {
                Vector512<float> b0 = Avx512F.MaskLoad(x0, m0, Vector512<float>.Zero), b1 = Avx512F.MaskLoad(x1, m1, Vector512<float>.Zero), x;
                x = Vector512.Create(a[0]); c00 = Avx512F.FusedMultiplyAdd(x, b0, c00); c01 = Avx512F.FusedMultiplyAdd(x, b1, c01);
                x = Vector512.Create(a[1]); c10 = Avx512F.FusedMultiplyAdd(x, b0, c10); c11 = Avx512F.FusedMultiplyAdd(x, b1, c11);
                x = Vector512.Create(a[2]); c20 = Avx512F.FusedMultiplyAdd(x, b0, c20); c21 = Avx512F.FusedMultiplyAdd(x, b1, c21);
                x = Vector512.Create(a[3]); c30 = Avx512F.FusedMultiplyAdd(x, b0, c30); c31 = Avx512F.FusedMultiplyAdd(x, b1, c31);
                x = Vector512.Create(a[4]); c40 = Avx512F.FusedMultiplyAdd(x, b0, c40); c41 = Avx512F.FusedMultiplyAdd(x, b1, c41);
                x = Vector512.Create(a[5]); c50 = Avx512F.FusedMultiplyAdd(x, b0, c50); c51 = Avx512F.FusedMultiplyAdd(x, b1, c51);
                x = Vector512.Create(a[6]); c60 = Avx512F.FusedMultiplyAdd(x, b0, c60); c61 = Avx512F.FusedMultiplyAdd(x, b1, c61);
                x = Vector512.Create(a[7]); c70 = Avx512F.FusedMultiplyAdd(x, b0, c70); c71 = Avx512F.FusedMultiplyAdd(x, b1, c71);
            }
        }
        var tile = new TileWriter512(1f, 0f, nr);
        tile.Row(c, c00, c01); if (mr == 1) return; c += ldc;
        tile.Row(c, c10, c11); if (mr == 2) return; c += ldc;
        tile.Row(c, c20, c21); if (mr == 3) return; c += ldc;
        tile.Row(c, c30, c31); if (mr == 4) return; c += ldc;
        tile.Row(c, c40, c41); if (mr == 5) return; c += ldc;
        tile.Row(c, c50, c51); if (mr == 6) return; c += ldc;
        tile.Row(c, c60, c61); if (mr == 7) return; c += ldc;
        tile.Row(c, c70, c71);
    }

    /// <summary>A record's lane mask and first address (channel 0); a record without a segment (every lane in the padding)
    /// masks everything off.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<float> Segment(int* record, float* image, out float* at)
    {
        at = *record == 0 ? image : image + record[17];
        return *record == 0 ? Vector512<float>.Zero : Vector512.Load((float*)(record + 1));
    }
}

/// <summary>AVX2's choice: no direct kernel of this kind (its forward pass reads a padded copy of the image instead,
/// <see cref="PaddedConvForward256"/>, which needs no masks). A 6 x 16 one (vmaskmovps loads, plain loads where a position's lanes were
/// all inside) was slower than packing on the 64-channel layer (forward 2.86-3.02 against 2.68-2.84 ms, alternating,
/// 3 rounds): with 8-lane vectors it reads the image's unaligned rows again for each of the eleven 6-row panels, where
/// packing reads them once. On AVX-512 the 8-row panels are fewer and a masked load costs what a plain one does.</summary>
internal readonly unsafe struct NoDirectConvKernel : IDirectConvKernel
{
    public static int Mr => 0;

    public static int Nr => 0;

    public static void Run(int positions, int channels, float* a, float* image, nint channelStride, int* record, nint positionInts, int recordInts,
        float* c, nint ldc, int mr, int nr) => throw new UnreachableException("the forward pass never chooses the direct path without a direct kernel");
}
