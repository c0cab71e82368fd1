namespace Grimoire.Cpu.Gemm;

/// <summary>
/// Packs an mc x kc block of op(A) into Mr-row micro-panels: panel after panel, each kc steps of
/// Mr consecutive floats (one column of the panel), so the kernel reads A strictly sequentially.
/// Rows past mc are zero so edge tiles compute harmlessly on padding.
/// </summary>
internal static unsafe class PackA
{
    public static void Run(in GemmProblem g, int i0, int p0, int mc, int kc, int mr, float* dst)
    {
        for (int ir = 0; ir < mc; ir += mr, dst += (nint)mr * kc)
        {
            int rows = Math.Min(mr, mc - ir);
            if (g.TransA)
            {
                // A is stored k x m: each k step of the panel is already contiguous.
                float* src = g.AAt(i0 + ir, p0);
                for (int q = 0; q < kc; q++, src += g.Lda)
                {
                    PackB.CopyPadded(dst + (nint)q * mr, src, rows, mr);
                }
            }
            else
            {
                // A is stored m x k: read each row sequentially, scatter it with stride mr.
                for (int r = 0; r < rows; r++)
                {
                    float* src = g.AAt(i0 + ir + r, p0);
                    float* d = dst + r;
                    for (int q = 0; q < kc; q++, d += mr)
                    {
                        *d = src[q];
                    }
                }

                for (int r = rows; r < mr; r++)
                {
                    float* d = dst + r;
                    for (int q = 0; q < kc; q++, d += mr)
                    {
                        *d = 0;
                    }
                }
            }
        }
    }
}
