using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Grimoire.Cpu.Gemm;

/// <summary>
/// AVX-512 8 x 32 kernel: 16 zmm accumulators + 2 B vectors + 1 broadcast. Per k step: 2 B loads, 8 broadcasts, 16 FMAs.
/// For GEMMs whose row count is a multiple of 8 but not of 12 (a convolution's 16, 32 or 64 output channels), where
/// <see cref="MicroKernel512"/> would spend a quarter or a ninth of its work on padding rows.
/// </summary>
internal unsafe struct MicroKernel512Narrow : IMicroKernel
{
    public const int Mr = 8;
    public const int Nr = 32;

    private const int CPrefetchSteps = 64;

    static int IMicroKernel.Mr => Mr;
    static int IMicroKernel.Nr => Nr;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Run(int kc, float* a, float* b, float* c, nint ldc, int mr, int nr, float alpha, float beta)
    {
        Vector512<float> c00 = default, c01 = default, c10 = default, c11 = default, c20 = default, c21 = default,
            c30 = default, c31 = default, c40 = default, c41 = default, c50 = default, c51 = default,
            c60 = default, c61 = default, c70 = default, c71 = default;
        int prefetchAt = Math.Max(0, kc - CPrefetchSteps);
        for (int p = 0; p < kc; p++)
        {
            if (p == prefetchAt)
            {
                for (int r = 0; r < mr; r++)
                {
                    Sse.Prefetch0(c + (r * ldc));
                    Sse.Prefetch0(c + (r * ldc) + Nr - 1);
                }
            }

            Vector512<float> b0 = Vector512.Load(b), b1 = Vector512.Load(b + 16), x;
            x = Vector512.Create(a[0]); c00 = Avx512F.FusedMultiplyAdd(x, b0, c00); c01 = Avx512F.FusedMultiplyAdd(x, b1, c01);
            x = Vector512.Create(a[1]); c10 = Avx512F.FusedMultiplyAdd(x, b0, c10); c11 = Avx512F.FusedMultiplyAdd(x, b1, c11);
            x = Vector512.Create(a[2]); c20 = Avx512F.FusedMultiplyAdd(x, b0, c20); c21 = Avx512F.FusedMultiplyAdd(x, b1, c21);
            x = Vector512.Create(a[3]); c30 = Avx512F.FusedMultiplyAdd(x, b0, c30); c31 = Avx512F.FusedMultiplyAdd(x, b1, c31);
            x = Vector512.Create(a[4]); c40 = Avx512F.FusedMultiplyAdd(x, b0, c40); c41 = Avx512F.FusedMultiplyAdd(x, b1, c41);
            x = Vector512.Create(a[5]); c50 = Avx512F.FusedMultiplyAdd(x, b0, c50); c51 = Avx512F.FusedMultiplyAdd(x, b1, c51);
            x = Vector512.Create(a[6]); c60 = Avx512F.FusedMultiplyAdd(x, b0, c60); c61 = Avx512F.FusedMultiplyAdd(x, b1, c61);
            x = Vector512.Create(a[7]); c70 = Avx512F.FusedMultiplyAdd(x, b0, c70); c71 = Avx512F.FusedMultiplyAdd(x, b1, c71);
            a += Mr;
            b += Nr;
        }

        var tile = new TileWriter512(alpha, beta, nr);
        tile.Row(c, c00, c01); if (mr == 1) return; c += ldc;
        tile.Row(c, c10, c11); if (mr == 2) return; c += ldc;
        tile.Row(c, c20, c21); if (mr == 3) return; c += ldc;
        tile.Row(c, c30, c31); if (mr == 4) return; c += ldc;
        tile.Row(c, c40, c41); if (mr == 5) return; c += ldc;
        tile.Row(c, c50, c51); if (mr == 6) return; c += ldc;
        tile.Row(c, c60, c61); if (mr == 7) return; c += ldc;
        tile.Row(c, c70, c71);
    }
}
