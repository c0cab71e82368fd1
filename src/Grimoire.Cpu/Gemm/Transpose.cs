using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Grimoire.Cpu.Gemm;

/// <summary>Out-of-place float transposes built from 4 x 4 SSE blocks, with a scalar fallback.</summary>
internal static unsafe class Transpose
{
    // Square tiles keep both the rows read and the rows written within a few KiB, so power-of-two
    // strides (which map whole columns onto a handful of L1 sets) do not thrash.
    private const int Tile = 16;

    /// <summary>dst (cols x rows, row stride rows) = transpose of src (rows x cols, row stride ld).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Run(float* src, nint ld, int rows, int cols, float* dst)
    {
        for (int i0 = 0; i0 < rows; i0 += Tile)
        {
            for (int j0 = 0; j0 < cols; j0 += Tile)
            {
                TileAt(src, ld, rows, i0, Math.Min(Tile, rows - i0), j0, Math.Min(Tile, cols - j0), dst);
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void TileAt(float* src, nint ld, int rows, int i0, int h, int j0, int w, float* dst)
    {
        int i = 0;
        if (Sse.IsSupported)
        {
            for (; i + 4 <= h; i += 4)
            {
                int j = 0;
                for (; j + 4 <= w; j += 4)
                {
                    Block4x4(src + (i0 + i) * ld + j0 + j, ld, dst + (nint)(j0 + j) * rows + i0 + i, rows);
                }

                for (; j < w; j++)
                {
                    for (int r = i; r < i + 4; r++)
                    {
                        dst[(nint)(j0 + j) * rows + i0 + r] = src[(i0 + r) * ld + j0 + j];
                    }
                }
            }
        }

        for (; i < h; i++)
        {
            for (int j = 0; j < w; j++)
            {
                dst[(nint)(j0 + j) * rows + i0 + i] = src[(i0 + i) * ld + j0 + j];
            }
        }
    }

    /// <summary>Writes the transpose of the 4 x 4 block at s (row stride lds) to d (row stride ldd).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Block4x4(float* s, nint lds, float* d, nint ldd)
    {
        Vector128<float> x0 = Sse.LoadVector128(s), x1 = Sse.LoadVector128(s + lds);
        Vector128<float> x2 = Sse.LoadVector128(s + 2 * lds), x3 = Sse.LoadVector128(s + 3 * lds);
        Vector128<float> t0 = Sse.UnpackLow(x0, x1), t1 = Sse.UnpackLow(x2, x3);
        Vector128<float> t2 = Sse.UnpackHigh(x0, x1), t3 = Sse.UnpackHigh(x2, x3);
        Sse.Store(d, Sse.MoveLowToHigh(t0, t1));
        Sse.Store(d + ldd, Sse.MoveHighToLow(t1, t0));
        Sse.Store(d + 2 * ldd, Sse.MoveLowToHigh(t2, t3));
        Sse.Store(d + 3 * ldd, Sse.MoveHighToLow(t3, t2));
    }
}
