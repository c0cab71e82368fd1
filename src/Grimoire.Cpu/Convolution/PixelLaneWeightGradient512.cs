using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using static Grimoire.Cpu.Convolution.WeightGradientTaps;

namespace Grimoire.Cpu.Convolution;

/// <summary>The AVX-512 weight gradient for layers with few output channels: the pixels run along the vector instead of
/// the output channels, so 16 outputs (a first layer) fill the lanes that <see cref="WeightGradientKernel512"/>'s 64-channel
/// tile leaves three quarters empty. A tile of 6 taps x 4 output channels keeps 24 accumulators of 16 pixels each: per
/// 16 pixels of an output row, four dy loads (read in place from NCHW: no transpose) and six loads of the taps' pixels from
/// a <see cref="PaddedPhases"/> copy feed 24 FMAs. Each accumulator is summed across its lanes once per call, into C.</summary>
internal static unsafe class PixelLaneWeightGradient512
{
    public const int Taps = 6, Outputs = 4, Lanes = 16;

    /// <summary>C[r·ldc + j] += Σ over the images, output rows oy and columns ox of <paramref name="block"/> of
    /// image[n·ImageStride + taps[r] + oy·RowStride + ox] · dy[n·GradientStride + j·channelStride + oy·Width + ox], for
    /// r &lt; <paramref name="rows"/> and j &lt; <paramref name="outputs"/> (taps and outputs past them alias the first and are
    /// not stored).</summary>
    public static void Run(float* image, int* taps, int rows, in PixelBlock block, float* dy, nint channelStride, int outputs, float* c, nint ldc)
    {
        var whole = block.Width / Lanes * Lanes;
        if (whole > 0) Tile<WholeColumns>(image, taps, rows, block, dy, channelStride, outputs, c, ldc, 0, whole);
        if (whole < block.Width) Tile<EdgeColumns>(image, taps, rows, block, dy, channelStride, outputs, c, ldc, whole, block.Width - whole);
    }

    /// <summary>Columns [ox0, ox0 + count) of every output row: whole 16-pixel chunks, or (<see cref="EdgeColumns"/>) one
    /// chunk of <paramref name="count"/> &lt; 16 pixels whose loads are masked, so no lane reads a pixel of the next row.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Tile<TEdge>(float* image, int* taps, int rows, in PixelBlock block, float* dy, nint channelStride, int outputs, float* c, nint ldc,
        int ox0, int count) where TEdge : struct, IColumnEdge
    {
        nint t1 = TapDistance(taps, rows, 1), t2 = TapDistance(taps, rows, 2), t3 = TapDistance(taps, rows, 3);
        nint t4 = TapDistance(taps, rows, 4), t5 = TapDistance(taps, rows, 5);
        nint d1 = outputs > 1 ? channelStride : 0, d2 = outputs > 2 ? 2 * channelStride : 0, d3 = outputs > 3 ? 3 * channelStride : 0;
        var mask = Vector512.LessThan(Vector512<int>.Indices, Vector512.Create(count)).AsSingle();
        Vector512<float> c00 = default, c01 = default, c02 = default, c03 = default, c10 = default, c11 = default, c12 = default, c13 = default,
            c20 = default, c21 = default, c22 = default, c23 = default, c30 = default, c31 = default, c32 = default, c33 = default,
            c40 = default, c41 = default, c42 = default, c43 = default, c50 = default, c51 = default, c52 = default, c53 = default;
        var (outRows, width, rowStride) = (block.Rows, block.Width, block.RowStride);
        for (var n = 0; n < block.Images; n++)
        {
            float* row = image + (n * block.ImageStride) + taps[0] + ox0, g = dy + (n * block.GradientStride) + ox0;
            for (var oy = 0; oy < outRows; oy++, row += rowStride, g += width)
            {
                for (var ox = 0; ox < count; ox += Lanes)
                {
                    float* a = row + ox, b = g + ox;
                    Vector512<float> b0 = Load<TEdge>(b, mask), b1 = Load<TEdge>(b + d1, mask), b2 = Load<TEdge>(b + d2, mask), b3 = Load<TEdge>(b + d3, mask), x;
                    x = Load<TEdge>(a, mask);
                    (c00, c01, c02, c03) = (Avx512F.FusedMultiplyAdd(x, b0, c00), Avx512F.FusedMultiplyAdd(x, b1, c01), Avx512F.FusedMultiplyAdd(x, b2, c02), Avx512F.FusedMultiplyAdd(x, b3, c03));
                    x = Load<TEdge>(a + t1, mask);
                    (c10, c11, c12, c13) = (Avx512F.FusedMultiplyAdd(x, b0, c10), Avx512F.FusedMultiplyAdd(x, b1, c11), Avx512F.FusedMultiplyAdd(x, b2, c12), Avx512F.FusedMultiplyAdd(x, b3, c13));
                    x = Load<TEdge>(a + t2, mask);
                    (c20, c21, c22, c23) = (Avx512F.FusedMultiplyAdd(x, b0, c20), Avx512F.FusedMultiplyAdd(x, b1, c21), Avx512F.FusedMultiplyAdd(x, b2, c22), Avx512F.FusedMultiplyAdd(x, b3, c23));
                    x = Load<TEdge>(a + t3, mask);
                    (c30, c31, c32, c33) = (Avx512F.FusedMultiplyAdd(x, b0, c30), Avx512F.FusedMultiplyAdd(x, b1, c31), Avx512F.FusedMultiplyAdd(x, b2, c32), Avx512F.FusedMultiplyAdd(x, b3, c33));
                    x = Load<TEdge>(a + t4, mask);
                    (c40, c41, c42, c43) = (Avx512F.FusedMultiplyAdd(x, b0, c40), Avx512F.FusedMultiplyAdd(x, b1, c41), Avx512F.FusedMultiplyAdd(x, b2, c42), Avx512F.FusedMultiplyAdd(x, b3, c43));
                    x = Load<TEdge>(a + t5, mask);
                    (c50, c51, c52, c53) = (Avx512F.FusedMultiplyAdd(x, b0, c50), Avx512F.FusedMultiplyAdd(x, b1, c51), Avx512F.FusedMultiplyAdd(x, b2, c52), Avx512F.FusedMultiplyAdd(x, b3, c53));
                }
            }
        }
        Store(c, outputs, c00, c01, c02, c03); if (rows == 1) return; c += ldc;
        Store(c, outputs, c10, c11, c12, c13); if (rows == 2) return; c += ldc;
        Store(c, outputs, c20, c21, c22, c23); if (rows == 3) return; c += ldc;
        Store(c, outputs, c30, c31, c32, c33); if (rows == 4) return; c += ldc;
        Store(c, outputs, c40, c41, c42, c43); if (rows == 5) return; c += ldc;
        Store(c, outputs, c50, c51, c52, c53);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<float> Load<TEdge>(float* at, Vector512<float> mask) where TEdge : struct, IColumnEdge =>
        TEdge.Masked ? Avx512F.MaskLoad(at, mask, Vector512<float>.Zero) : Vector512.Load(at);

    /// <summary>One tap's row of C gains each output's lanes summed.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Store(float* c, int outputs, Vector512<float> s0, Vector512<float> s1, Vector512<float> s2, Vector512<float> s3)
    {
        c[0] += Vector512.Sum(s0);
        if (outputs > 1) c[1] += Vector512.Sum(s1);
        if (outputs > 2) c[2] += Vector512.Sum(s2);
        if (outputs > 3) c[3] += Vector512.Sum(s3);
    }
}
