using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Grimoire.Cpu.Gemm;

/// <summary>
/// Direct AVX-512 GEMM for small problems, where packing would cost a sizeable share of the run:
/// 6 x 32 tiles read A rows and B rows in place, with masked loads and stores at the column edge
/// (no padding needed). A may be transposed (each k step's rows are then adjacent); B must be non-transposed.
/// </summary>
internal static unsafe class SmallGemm512
{
    private const int Rows = 6;
    public const int Cols = 32;

    public static void Run(in GemmProblem g)
    {
        Debug.Assert(!g.TransB);
        for (int i = 0; i < g.M; i += Rows)
        {
            for (int j = 0; j < g.N; j += Cols)
            {
                Tile(g, i, j, Math.Min(Rows, g.M - i), Math.Min(Cols, g.N - j));
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Tile(in GemmProblem g, int i, int j, int rows, int cols)
    {
        // Rows past the edge alias row 0, so every load stays inside A; their sums are never stored.
        nint row = g.ARowStep, step = g.ADepthStep, ldb = g.Ldb;
        nint o1 = rows > 1 ? row : 0, o2 = rows > 2 ? 2 * row : 0, o3 = rows > 3 ? 3 * row : 0;
        nint o4 = rows > 4 ? 4 * row : 0, o5 = rows > 5 ? 5 * row : 0;
        float* a = g.AAt(i, 0), b = g.BAt(0, j);
        Vector512<float> m0 = Vector512.LessThan(Vector512<int>.Indices, Vector512.Create(cols)).AsSingle();
        Vector512<float> m1 = Vector512.LessThan(Vector512<int>.Indices, Vector512.Create(cols - 16)).AsSingle();

        Vector512<float> c00 = default, c01 = default, c10 = default, c11 = default, c20 = default, c21 = default,
            c30 = default, c31 = default, c40 = default, c41 = default, c50 = default, c51 = default;
        for (int p = 0; p < g.K; p++)
        {
            Vector512<float> b0 = Avx512F.MaskLoad(b, m0, Vector512<float>.Zero);
            Vector512<float> b1 = Avx512F.MaskLoad(b + 16, m1, Vector512<float>.Zero), x;
            x = Vector512.Create(a[0]); c00 = Avx512F.FusedMultiplyAdd(x, b0, c00); c01 = Avx512F.FusedMultiplyAdd(x, b1, c01);
            x = Vector512.Create(a[o1]); c10 = Avx512F.FusedMultiplyAdd(x, b0, c10); c11 = Avx512F.FusedMultiplyAdd(x, b1, c11);
            x = Vector512.Create(a[o2]); c20 = Avx512F.FusedMultiplyAdd(x, b0, c20); c21 = Avx512F.FusedMultiplyAdd(x, b1, c21);
            x = Vector512.Create(a[o3]); c30 = Avx512F.FusedMultiplyAdd(x, b0, c30); c31 = Avx512F.FusedMultiplyAdd(x, b1, c31);
            x = Vector512.Create(a[o4]); c40 = Avx512F.FusedMultiplyAdd(x, b0, c40); c41 = Avx512F.FusedMultiplyAdd(x, b1, c41);
            x = Vector512.Create(a[o5]); c50 = Avx512F.FusedMultiplyAdd(x, b0, c50); c51 = Avx512F.FusedMultiplyAdd(x, b1, c51);
            a += step;
            b += ldb;
        }

        var tile = new TileWriter512(g.Alpha, g.Beta, cols);
        float* c = g.CAt(i, j);
        nint ldc = g.Ldc;
        tile.Row(c, c00, c01); if (rows == 1) return; c += ldc;
        tile.Row(c, c10, c11); if (rows == 2) return; c += ldc;
        tile.Row(c, c20, c21); if (rows == 3) return; c += ldc;
        tile.Row(c, c30, c31); if (rows == 4) return; c += ldc;
        tile.Row(c, c40, c41); if (rows == 5) return; c += ldc;
        tile.Row(c, c50, c51);
    }
}
