using System.Runtime.CompilerServices;

namespace Grimoire.Cpu.Gemm;

/// <summary>
/// Portable 4 x 4 kernel for machines without AVX2: 16 scalar accumulators fit the 16 SSE registers
/// of baseline x64 (and most other targets).
/// </summary>
internal unsafe struct MicroKernelScalar : IMicroKernel
{
    public const int Mr = 4;
    public const int Nr = 4;

    static int IMicroKernel.Mr => Mr;
    static int IMicroKernel.Nr => Nr;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Run(int kc, float* a, float* b, float* c, nint ldc, int mr, int nr, float alpha, float beta)
    {
        float c00 = 0, c01 = 0, c02 = 0, c03 = 0, c10 = 0, c11 = 0, c12 = 0, c13 = 0,
            c20 = 0, c21 = 0, c22 = 0, c23 = 0, c30 = 0, c31 = 0, c32 = 0, c33 = 0;
        for (int p = 0; p < kc; p++)
        {
            float b0 = b[0], b1 = b[1], b2 = b[2], b3 = b[3], x;
            x = a[0]; c00 += x * b0; c01 += x * b1; c02 += x * b2; c03 += x * b3;
            x = a[1]; c10 += x * b0; c11 += x * b1; c12 += x * b2; c13 += x * b3;
            x = a[2]; c20 += x * b0; c21 += x * b1; c22 += x * b2; c23 += x * b3;
            x = a[3]; c30 += x * b0; c31 += x * b1; c32 += x * b2; c33 += x * b3;
            a += Mr;
            b += Nr;
        }

        float* t = stackalloc float[Mr * Nr]
        {
            c00, c01, c02, c03, c10, c11, c12, c13, c20, c21, c22, c23, c30, c31, c32, c33,
        };
        for (int r = 0; r < mr; r++, c += ldc, t += Nr)
        {
            for (int j = 0; j < nr; j++)
            {
                c[j] = beta == 0 ? alpha * t[j] : alpha * t[j] + beta * c[j];
            }
        }
    }
}
