using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using Grimoire.Cpu.Gemm;
using static Grimoire.Cpu.Convolution.WeightGradientTaps;

namespace Grimoire.Cpu.Convolution;

/// <summary>The weight gradient's micro-kernel without an im2col tile: a tile of dWᵀ (Rows taps x Cols output channels)
/// gains Σ over output pixels of image[tap + pixel] · dyᵀ[pixel], where the image is a <see cref="PaddedPhases"/> copy (a
/// tap's pixels along one output row are consecutive, no masks) and dyᵀ is the image's dy transposed (pixel rows of the
/// output channels). Each step broadcasts one pixel per tap and loads one dyᵀ row: the taps are read in place, so nothing
/// is packed.</summary>
internal unsafe interface IWeightGradientKernel
{
    static abstract int Rows { get; }

    static abstract int Cols { get; }

    /// <summary>C[r, 0..cols] += Σ over the images n, output rows oy and columns ox of <paramref name="block"/> of
    /// image[n·ImageStride + taps[r] + oy·RowStride + ox] · dyT[n·GradientStride + (oy·Width + ox)·ldDy + 0..cols], for
    /// r &lt; rows (rows past it alias row 0 and are not stored).</summary>
    static abstract void Run(float* image, int* taps, int rows, in PixelBlock block, float* dyT, nint ldDy, float* c, nint ldc, int cols);
}

/// <summary>The pixels one weight-gradient kernel call sums over: <paramref name="Rows"/> output rows of
/// <paramref name="Width"/> pixels in each of <paramref name="Images"/> padded images.</summary>
internal readonly record struct PixelBlock(int Images, nint ImageStride, nint GradientStride, int Rows, int Width, nint RowStride);

/// <summary>What the weight-gradient kernels share outside their register tiles.</summary>
internal static unsafe class WeightGradientTaps
{
    /// <summary>How far tap <paramref name="row"/>'s pixels lie from tap 0's; 0 past the tile's <paramref name="rows"/>,
    /// so those rows alias row 0 and read nothing new.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static nint TapDistance(int* taps, int rows, int row) => rows > row ? taps[row] - taps[0] : 0;
}

/// <summary>Whether a tile's dyᵀ rows are read whole or masked at the last output channel.</summary>
internal interface IColumnEdge
{
    static abstract bool Masked { get; }
}

internal readonly struct WholeColumns : IColumnEdge
{
    public static bool Masked => false;
}

internal readonly struct EdgeColumns : IColumnEdge
{
    public static bool Masked => true;
}

/// <summary>AVX-512, 6 taps x 64 channels: four dyᵀ loads and six broadcasts feed 24 FMAs per pixel (24 accumulators + 4
/// B vectors + 1 broadcast of the 32 registers), as <see cref="WideGemm512"/>.</summary>
internal readonly unsafe struct WeightGradientKernel512 : IWeightGradientKernel
{
    public static int Rows => 6;

    public static int Cols => 64;

    public static void Run(float* image, int* taps, int rows, in PixelBlock block, float* dyT, nint ldDy, float* c, nint ldc, int cols)
    {
        if (cols == Cols) Tile<WholeColumns>(image, taps, rows, block, dyT, ldDy, c, ldc, cols);
        else Tile<EdgeColumns>(image, taps, rows, block, dyT, ldDy, c, ldc, cols);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Tile<TEdge>(float* image, int* taps, int rows, in PixelBlock block, float* dyT, nint ldDy, float* c, nint ldc, int cols)
        where TEdge : struct, IColumnEdge
    {
        nint o1 = TapDistance(taps, rows, 1), o2 = TapDistance(taps, rows, 2), o3 = TapDistance(taps, rows, 3);
        nint o4 = TapDistance(taps, rows, 4), o5 = TapDistance(taps, rows, 5);
        var (k0, k1, k2, k3) = (Mask(cols), Mask(cols - 16), Mask(cols - 32), Mask(cols - 48));
        Vector512<float> c00 = default, c01 = default, c02 = default, c03 = default, c10 = default, c11 = default, c12 = default, c13 = default,
            c20 = default, c21 = default, c22 = default, c23 = default, c30 = default, c31 = default, c32 = default, c33 = default,
            c40 = default, c41 = default, c42 = default, c43 = default, c50 = default, c51 = default, c52 = default, c53 = default;
        var (outRows, outWidth, rowStride) = (block.Rows, block.Width, block.RowStride);
        for (var n = 0; n < block.Images; n++)
        {
            float* row = image + (n * block.ImageStride) + taps[0], b = dyT + (n * block.GradientStride);
            for (var oy = 0; oy < outRows; oy++, row += rowStride)
            {
                float* a = row, end = row + outWidth;
                for (; a < end; a++, b += ldDy)
                {
                    Vector512<float> b0, b1, b2, b3;
                    if (TEdge.Masked)
                    {
                        (b0, b1) = (Avx512F.MaskLoad(b, k0, Vector512<float>.Zero), Avx512F.MaskLoad(b + 16, k1, Vector512<float>.Zero));
                        (b2, b3) = (Avx512F.MaskLoad(b + 32, k2, Vector512<float>.Zero), Avx512F.MaskLoad(b + 48, k3, Vector512<float>.Zero));
                    }
                    else
                    {
                        (b0, b1, b2, b3) = (Vector512.Load(b), Vector512.Load(b + 16), Vector512.Load(b + 32), Vector512.Load(b + 48));
                    }
                    var x = Vector512.Create(a[0]);
                    (c00, c01, c02, c03) = (Avx512F.FusedMultiplyAdd(x, b0, c00), Avx512F.FusedMultiplyAdd(x, b1, c01), Avx512F.FusedMultiplyAdd(x, b2, c02), Avx512F.FusedMultiplyAdd(x, b3, c03));
                    x = Vector512.Create(a[o1]);
                    (c10, c11, c12, c13) = (Avx512F.FusedMultiplyAdd(x, b0, c10), Avx512F.FusedMultiplyAdd(x, b1, c11), Avx512F.FusedMultiplyAdd(x, b2, c12), Avx512F.FusedMultiplyAdd(x, b3, c13));
                    x = Vector512.Create(a[o2]);
                    (c20, c21, c22, c23) = (Avx512F.FusedMultiplyAdd(x, b0, c20), Avx512F.FusedMultiplyAdd(x, b1, c21), Avx512F.FusedMultiplyAdd(x, b2, c22), Avx512F.FusedMultiplyAdd(x, b3, c23));
                    x = Vector512.Create(a[o3]);
                    (c30, c31, c32, c33) = (Avx512F.FusedMultiplyAdd(x, b0, c30), Avx512F.FusedMultiplyAdd(x, b1, c31), Avx512F.FusedMultiplyAdd(x, b2, c32), Avx512F.FusedMultiplyAdd(x, b3, c33));
                    x = Vector512.Create(a[o4]);
                    (c40, c41, c42, c43) = (Avx512F.FusedMultiplyAdd(x, b0, c40), Avx512F.FusedMultiplyAdd(x, b1, c41), Avx512F.FusedMultiplyAdd(x, b2, c42), Avx512F.FusedMultiplyAdd(x, b3, c43));
                    x = Vector512.Create(a[o5]);
                    (c50, c51, c52, c53) = (Avx512F.FusedMultiplyAdd(x, b0, c50), Avx512F.FusedMultiplyAdd(x, b1, c51), Avx512F.FusedMultiplyAdd(x, b2, c52), Avx512F.FusedMultiplyAdd(x, b3, c53));
                }
            }
        }
        // The first 32 columns and the rest, each added into C (β = 1) under its own edge mask.
        var (left, right) = (new TileWriter512(1f, 1f, Math.Min(cols, 32)), new TileWriter512(1f, 1f, cols - 32));
        var wide = cols > 32;
        left.Row(c, c00, c01); if (wide) right.Row(c + 32, c02, c03); if (rows == 1) return; c += ldc;
        left.Row(c, c10, c11); if (wide) right.Row(c + 32, c12, c13); if (rows == 2) return; c += ldc;
        left.Row(c, c20, c21); if (wide) right.Row(c + 32, c22, c23); if (rows == 3) return; c += ldc;
        left.Row(c, c30, c31); if (wide) right.Row(c + 32, c32, c33); if (rows == 4) return; c += ldc;
        left.Row(c, c40, c41); if (wide) right.Row(c + 32, c42, c43); if (rows == 5) return; c += ldc;
        left.Row(c, c50, c51); if (wide) right.Row(c + 32, c52, c53);
    }

    private static Vector512<float> Mask(int cols) => Vector512.LessThan(Vector512<int>.Indices, Vector512.Create(cols)).AsSingle();
}

/// <summary>AVX2, 6 taps x 16 channels: two dyᵀ loads and six broadcasts feed 12 FMAs per pixel (12 accumulators + 2 B
/// vectors + 1 broadcast of the 16 registers), as <see cref="SmallGemm256"/>.</summary>
internal readonly unsafe struct WeightGradientKernel256 : IWeightGradientKernel
{
    public static int Rows => 6;

    public static int Cols => 16;

    public static void Run(float* image, int* taps, int rows, in PixelBlock block, float* dyT, nint ldDy, float* c, nint ldc, int cols)
    {
        if (cols == Cols) Tile<WholeColumns>(image, taps, rows, block, dyT, ldDy, c, ldc, cols);
        else Tile<EdgeColumns>(image, taps, rows, block, dyT, ldDy, c, ldc, cols);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Tile<TEdge>(float* image, int* taps, int rows, in PixelBlock block, float* dyT, nint ldDy, float* c, nint ldc, int cols)
        where TEdge : struct, IColumnEdge
    {
        nint o1 = TapDistance(taps, rows, 1), o2 = TapDistance(taps, rows, 2), o3 = TapDistance(taps, rows, 3);
        nint o4 = TapDistance(taps, rows, 4), o5 = TapDistance(taps, rows, 5);
        var (k0, k1) = (Vector256.LessThan(Vector256<int>.Indices, Vector256.Create(cols)).AsSingle(), Vector256.LessThan(Vector256<int>.Indices, Vector256.Create(cols - 8)).AsSingle());
        Vector256<float> c00 = default, c01 = default, c10 = default, c11 = default, c20 = default, c21 = default,
            c30 = default, c31 = default, c40 = default, c41 = default, c50 = default, c51 = default;
        var (outRows, outWidth, rowStride) = (block.Rows, block.Width, block.RowStride);
        for (var n = 0; n < block.Images; n++)
        {
            float* row = image + (n * block.ImageStride) + taps[0], b = dyT + (n * block.GradientStride);
            for (var oy = 0; oy < outRows; oy++, row += rowStride)
            {
                float* a = row, end = row + outWidth;
                for (; a < end; a++, b += ldDy)
                {
                    // vmaskmovps is slower than a plain load, so only the edge tile pays for it.
                    Vector256<float> b0 = TEdge.Masked ? Avx.MaskLoad(b, k0) : Vector256.Load(b), b1 = TEdge.Masked ? Avx.MaskLoad(b + 8, k1) : Vector256.Load(b + 8), x;
                    x = Vector256.Create(a[0]); c00 = Fma.MultiplyAdd(x, b0, c00); c01 = Fma.MultiplyAdd(x, b1, c01);
                    x = Vector256.Create(a[o1]); c10 = Fma.MultiplyAdd(x, b0, c10); c11 = Fma.MultiplyAdd(x, b1, c11);
                    x = Vector256.Create(a[o2]); c20 = Fma.MultiplyAdd(x, b0, c20); c21 = Fma.MultiplyAdd(x, b1, c21);
                    x = Vector256.Create(a[o3]); c30 = Fma.MultiplyAdd(x, b0, c30); c31 = Fma.MultiplyAdd(x, b1, c31);
                    x = Vector256.Create(a[o4]); c40 = Fma.MultiplyAdd(x, b0, c40); c41 = Fma.MultiplyAdd(x, b1, c41);
                    x = Vector256.Create(a[o5]); c50 = Fma.MultiplyAdd(x, b0, c50); c51 = Fma.MultiplyAdd(x, b1, c51);
                }
            }
        }
        var tile = new TileWriter256(1f, 1f, cols);
        tile.Row(c, c00, c01); if (rows == 1) return; c += ldc;
        tile.Row(c, c10, c11); if (rows == 2) return; c += ldc;
        tile.Row(c, c20, c21); if (rows == 3) return; c += ldc;
        tile.Row(c, c30, c31); if (rows == 4) return; c += ldc;
        tile.Row(c, c40, c41); if (rows == 5) return; c += ldc;
        tile.Row(c, c50, c51);
    }
}
