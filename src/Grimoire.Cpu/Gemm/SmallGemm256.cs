using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Grimoire.Cpu.Gemm;

/// <summary>
/// Direct AVX2 GEMM for small and deep problems (see <see cref="SmallGemm512"/>): 6 x 16 tiles read A rows and B rows
/// in place (a transposed A too: each k step's rows are then adjacent); edge columns use masked loads and stores. B must
/// be non-transposed.
/// A 6-row tile past the last row computes rows it never stores, so the rows are split into 6-row tiles and at most
/// two 4-row ones (8 accumulators still cover two FMA pipes' latency): m = 32 runs as 6·4 + 4·2 instead of 6·6, one
/// sixth less work (32x4096x64 is a weight-gradient shape).
/// </summary>
internal static unsafe class SmallGemm256
{
    private const int Cols = 16;

    public static void Run(in GemmProblem g)
    {
        Debug.Assert(!g.TransB);
        int i = 0;
        for (int sixes = SixRowTiles(g.M); i < 6 * sixes && i < g.M; i += 6)
        {
            for (int j = 0; j < g.N; j += Cols)
            {
                Tile<SixRows>(g, i, j, Math.Min(6, g.M - i), Math.Min(Cols, g.N - j));
            }
        }

        for (; i < g.M; i += 4)
        {
            for (int j = 0; j < g.N; j += Cols)
            {
                Tile<FourRows>(g, i, j, Math.Min(4, g.M - i), Math.Min(Cols, g.N - j));
            }
        }
    }

    /// <summary>How many 6-row tiles start the split of <paramref name="m"/> rows; 4-row tiles take the rest. A
    /// remainder of 1-4 rows is one 4-row tile, 5 one 6-row tile, and 2 (with m ≥ 8) two 4-row tiles from the last 8.</summary>
    internal static int SixRowTiles(int m) => (m % 6) switch
    {
        0 => m / 6,
        5 => m / 6 + 1,
        2 when m >= 8 => m / 6 - 1,
        _ => m / 6,
    };

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Tile<TRows>(in GemmProblem g, int i, int j, int rows, int cols) where TRows : struct, IRowCount
    {
        // Rows past the edge alias row 0, so every load stays inside A; their sums are never stored.
        nint row = g.ARowStep, step = g.ADepthStep, ldb = g.Ldb;
        nint o1 = rows > 1 ? row : 0, o2 = rows > 2 ? 2 * row : 0, o3 = rows > 3 ? 3 * row : 0;
        nint o4 = rows > 4 ? 4 * row : 0, o5 = rows > 5 ? 5 * row : 0;
        float* a = g.AAt(i, 0), b = g.BAt(0, j);
        Vector256<float> m0 = Vector256.LessThan(Vector256<int>.Indices, Vector256.Create(cols)).AsSingle();
        Vector256<float> m1 = Vector256.LessThan(Vector256<int>.Indices, Vector256.Create(cols - 8)).AsSingle();
        bool full = cols == Cols;

        Vector256<float> c00 = default, c01 = default, c10 = default, c11 = default, c20 = default, c21 = default,
            c30 = default, c31 = default, c40 = default, c41 = default, c50 = default, c51 = default;
        for (int p = 0; p < g.K; p++)
        {
            // vmaskmovps is slower than a plain load, so only edge tiles pay for it.
            Vector256<float> b0 = full ? Vector256.Load(b) : Avx.MaskLoad(b, m0);
            Vector256<float> b1 = full ? Vector256.Load(b + 8) : Avx.MaskLoad(b + 8, m1), x;
            x = Vector256.Create(a[0]); c00 = Fma.MultiplyAdd(x, b0, c00); c01 = Fma.MultiplyAdd(x, b1, c01);
            x = Vector256.Create(a[o1]); c10 = Fma.MultiplyAdd(x, b0, c10); c11 = Fma.MultiplyAdd(x, b1, c11);
            x = Vector256.Create(a[o2]); c20 = Fma.MultiplyAdd(x, b0, c20); c21 = Fma.MultiplyAdd(x, b1, c21);
            x = Vector256.Create(a[o3]); c30 = Fma.MultiplyAdd(x, b0, c30); c31 = Fma.MultiplyAdd(x, b1, c31);
            if (TRows.Count == 6)
            {
                x = Vector256.Create(a[o4]); c40 = Fma.MultiplyAdd(x, b0, c40); c41 = Fma.MultiplyAdd(x, b1, c41);
                x = Vector256.Create(a[o5]); c50 = Fma.MultiplyAdd(x, b0, c50); c51 = Fma.MultiplyAdd(x, b1, c51);
            }

            a += step;
            b += ldb;
        }

        var tile = new TileWriter256(g.Alpha, g.Beta, cols);
        float* c = g.CAt(i, j);
        nint ldc = g.Ldc;
        tile.Row(c, c00, c01); if (rows == 1) return; c += ldc;
        tile.Row(c, c10, c11); if (rows == 2) return; c += ldc;
        tile.Row(c, c20, c21); if (rows == 3) return; c += ldc;
        tile.Row(c, c30, c31); if (rows == 4) return; c += ldc;
        tile.Row(c, c40, c41); if (rows == 5) return; c += ldc;
        tile.Row(c, c50, c51);
    }

    private interface IRowCount
    {
        static abstract int Count { get; }
    }

    private struct SixRows : IRowCount
    {
        public static int Count => 6;
    }

    private struct FourRows : IRowCount
    {
        public static int Count => 4;
    }
}
