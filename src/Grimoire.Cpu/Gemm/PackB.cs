using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Grimoire.Cpu.Gemm;

/// <summary>
/// Packs a kc x nc block of op(B) into Nr-column micro-panels: panel after panel, each kc rows of
/// Nr consecutive floats. Columns past nc are zero, so every kernel load is a full, in-bounds vector.
/// </summary>
internal static unsafe class PackB
{
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Run(in GemmProblem g, int p0, int j0, int kc, int nc, int nr, float* dst)
    {
        for (int jr = 0; jr < nc; jr += nr, dst += (nint)nr * kc)
        {
            int cols = Math.Min(nr, nc - jr);
            if (!g.TransB)
            {
                // B is stored k x n: each panel row is a contiguous slice of a B row.
                float* src = g.BAt(p0, j0 + jr);
                for (int q = 0; q < kc; q++, src += g.Ldb)
                {
                    CopyPadded(dst + (nint)q * nr, src, cols, nr);
                }
            }
            else
            {
                // B is stored n x k: read each stored row (one op(B) column) sequentially, scatter with stride nr.
                for (int j = 0; j < cols; j++)
                {
                    float* src = g.BAt(p0, j0 + jr + j);
                    float* d = dst + j;
                    for (int q = 0; q < kc; q++, d += nr)
                    {
                        *d = src[q];
                    }
                }

                for (int q = 0; q < kc && cols < nr; q++)
                {
                    new Span<float>(dst + (nint)q * nr + cols, nr - cols).Clear();
                }
            }
        }
    }

    /// <summary>Copies <paramref name="count"/> floats and zero-fills up to <paramref name="width"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void CopyPadded(float* dst, float* src, int count, int width)
    {
        int j = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            for (; j + 8 <= count; j += 8)
            {
                Vector256.Store(Vector256.Load(src + j), dst + j);
            }
        }

        // A transposed A's panel rows are Mr = 6 or 12 floats: a 4-wide step keeps them mostly vector copies.
        if (Vector128.IsHardwareAccelerated)
        {
            for (; j + 4 <= count; j += 4)
            {
                Vector128.Store(Vector128.Load(src + j), dst + j);
            }
        }

        for (; j < count; j++)
        {
            dst[j] = src[j];
        }

        for (; j < width; j++)
        {
            dst[j] = 0;
        }
    }
}
