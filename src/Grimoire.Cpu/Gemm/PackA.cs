using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Grimoire.Cpu.Gemm;

/// <summary>
/// Packs an mc x kc block of op(A) into Mr-row micro-panels: panel after panel, each kc steps of
/// Mr consecutive floats (one column of the panel), so the kernel reads A strictly sequentially.
/// Rows past mc are zero so edge tiles compute harmlessly on padding.
/// </summary>
internal static unsafe class PackA
{
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Run(in GemmProblem g, int i0, int p0, int mc, int kc, int mr, float* dst)
    {
        if (g.TransA)
        {
            RunTransposed(g, i0, p0, mc, kc, mr, dst);
            return;
        }

        for (int ir = 0; ir < mc; ir += mr, dst += (nint)mr * kc)
        {
            int rows = Math.Min(mr, mc - ir);
            float* src = g.AAt(i0 + ir, p0);
            if (rows == mr && Sse.IsSupported)
            {
                TransposeRows(src, g.Lda, kc, mr, dst);
            }
            else
            {
                ScatterRows(src, g.Lda, rows, kc, mr, dst);
            }
        }
    }

    // k steps a transposed A is packed in per pass (see RunTransposed).
    private const int StepsPerPass = 8;

    /// <summary>
    /// A stored k x m: each k step of a panel is Mr contiguous floats of one stored row. A pass takes
    /// <see cref="StepsPerPass"/> stored rows across all the block's panels: those rows, often a power-of-two stride
    /// apart and so all in one L1 set, stay within the 8 ways of the smallest L1d, and each panel receives them as one
    /// contiguous run. Walking one stored row across every panel instead writes each k step to every panel, one
    /// panel stride (Mr·kc floats) apart: with kc = 256, 1024, … those writes share one or two L1 sets and thrash
    /// (256x256x64 with A transposed spent 40 % of its time packing A, against 2 % with passes of 8 steps).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void RunTransposed(in GemmProblem g, int i0, int p0, int mc, int kc, int mr, float* dst)
    {
        nint panel = (nint)mr * kc;
        for (int q0 = 0; q0 < kc; q0 += StepsPerPass)
        {
            int steps = Math.Min(StepsPerPass, kc - q0);
            float* src = g.AAt(i0, p0 + q0), d = dst + (nint)q0 * mr;
            for (int ir = 0; ir < mc; ir += mr, d += panel)
            {
                CopySteps(src + ir, g.Lda, steps, Math.Min(mr, mc - ir), mr, d);
            }
        }
    }

    /// <summary>Copies <paramref name="rows"/> floats of each of <paramref name="steps"/> stored rows into consecutive
    /// Mr-float panel steps, zero-padded. The full Mr = 6 and 12 panels move as fixed-width vectors.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void CopySteps(float* src, nint lda, int steps, int rows, int mr, float* d)
    {
        if (rows == 6 && mr == 6 && Sse.IsSupported)
        {
            for (int q = 0; q < steps; q++, src += lda, d += 6)
            {
                Sse.Store(d, Sse.LoadVector128(src));
                *(long*)(d + 4) = *(long*)(src + 4);
            }
        }
        else if (rows == 12 && mr == 12 && Avx.IsSupported)
        {
            for (int q = 0; q < steps; q++, src += lda, d += 12)
            {
                Avx.Store(d, Avx.LoadVector256(src));
                Sse.Store(d + 8, Sse.LoadVector128(src + 8));
            }
        }
        else
        {
            for (int q = 0; q < steps; q++, src += lda, d += mr)
            {
                PackB.CopyPadded(d, src, rows, mr);
            }
        }
    }

    /// <summary>
    /// Full panel from row-major A: 4 x 4 SSE transposes (plus a 2 x 4 one when Mr is 6), which run
    /// several times faster than scattering single floats with stride Mr.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void TransposeRows(float* src, nint lda, int kc, int mr, float* dst)
    {
        Debug.Assert(mr % 2 == 0);
        int q = 0;
        for (; q + 4 <= kc; q += 4)
        {
            float* d = dst + (nint)q * mr, s = src + q;
            int r = 0;
            for (; r + 4 <= mr; r += 4, s += 4 * lda)
            {
                Transpose.Block4x4(s, lda, d + r, mr);
            }

            if (r < mr)
            {
                Vector128<float> x0 = Sse.LoadVector128(s), x1 = Sse.LoadVector128(s + lda);
                Vector128<float> lo = Sse.UnpackLow(x0, x1), hi = Sse.UnpackHigh(x0, x1);
                Sse.StoreLow(d + r, lo);
                Sse.StoreHigh(d + mr + r, lo);
                Sse.StoreLow(d + 2 * mr + r, hi);
                Sse.StoreHigh(d + 3 * mr + r, hi);
            }
        }

        ScatterRows(src + q, lda, mr, kc - q, mr, dst + (nint)q * mr);
    }

    /// <summary>Portable path for edge panels and the kc tail: one float at a time, zero rows past <paramref name="rows"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void ScatterRows(float* src, nint lda, int rows, int kc, int mr, float* dst)
    {
        for (int r = 0; r < mr; r++, src += lda)
        {
            float* d = dst + r;
            for (int q = 0; q < kc; q++, d += mr)
            {
                *d = r < rows ? src[q] : 0;
            }
        }
    }
}
