using System.Diagnostics;

namespace Grimoire.Cpu.Gemm;

/// <summary>
/// Reference SGEMM: a plain triple loop with double accumulation. Slow; use it as the test oracle only.
/// Same contract as <see cref="Sgemm.Run"/>.
/// </summary>
internal static unsafe class NaiveSgemm
{
    /// <summary>C = alpha*op(A)*op(B) + beta*C, row-major; beta == 0 overwrites C without reading it.</summary>
    public static void Run(bool transA, bool transB, int m, int n, int k, float alpha,
        float* a, int lda, float* b, int ldb, float beta, float* c, int ldc)
    {
        Debug.Assert(m >= 0 && n >= 0 && k >= 0);
        Debug.Assert(lda >= Math.Max(1, transA ? m : k) && ldb >= Math.Max(1, transB ? k : n) && ldc >= Math.Max(1, n));
        for (int i = 0; i < m; i++)
        {
            for (int j = 0; j < n; j++)
            {
                double sum = 0;
                for (int p = 0; p < k; p++)
                {
                    float x = transA ? a[(nint)p * lda + i] : a[(nint)i * lda + p];
                    float y = transB ? b[(nint)j * ldb + p] : b[(nint)p * ldb + j];
                    sum += (double)x * y;
                }

                float* cij = c + (nint)i * ldc + j;
                double prior = beta == 0 ? 0 : (double)beta * *cij;
                *cij = (float)(alpha * sum + prior);
            }
        }
    }
}
