using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using Grimoire.Cpu.Gemm;

namespace Grimoire.Cpu.Convolution;

/// <summary>The weight gradient's direct AVX-512 GEMM for 64 or more output channels: 6 x 64 tiles, A and B read in place
/// (both non-transposed). Per inner index four B loads and six broadcasts feed 24 FMAs, where <see cref="SmallGemm512"/>'s
/// 6 x 32 tiles spend eight loads on 12, so the loads no longer hold the FMA units back (24 accumulators + 4 B vectors
/// + 1 broadcast fit the 32 registers). Rows and columns past the last whole tile go to <see cref="SmallGemm512"/>.</summary>
internal static unsafe class WideGemm512
{
    public const int Rows = 6;
    private const int Cols = 64;

    public static void Run(in GemmProblem g)
    {
        Debug.Assert(!g.TransA && !g.TransB);
        var (rows, cols) = (g.M / Rows * Rows, g.N / Cols * Cols);
        for (var i = 0; i < rows; i += Rows)
        for (var j = 0; j < cols; j += Cols)
            Tile(g, i, j);
        if (cols < g.N) SmallGemm512.Run(g.ColSlice(cols, g.N - cols));
        if (rows < g.M && cols > 0) SmallGemm512.Run(g.RowSlice(rows, g.M - rows).ColSlice(0, cols));
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Tile(in GemmProblem g, int i, int j)
    {
        nint lda = g.Lda, ldb = g.Ldb;
        float* a = g.AAt(i, 0), b = g.BAt(0, j);
        Vector512<float> c00 = default, c01 = default, c02 = default, c03 = default, c10 = default, c11 = default, c12 = default, c13 = default,
            c20 = default, c21 = default, c22 = default, c23 = default, c30 = default, c31 = default, c32 = default, c33 = default,
            c40 = default, c41 = default, c42 = default, c43 = default, c50 = default, c51 = default, c52 = default, c53 = default;
        for (var p = 0; p < g.K; p++, a++, b += ldb)
        {
            var (b0, b1, b2, b3) = (Vector512.Load(b), Vector512.Load(b + 16), Vector512.Load(b + 32), Vector512.Load(b + 48));
            var x = Vector512.Create(a[0]);
            (c00, c01, c02, c03) = (Avx512F.FusedMultiplyAdd(x, b0, c00), Avx512F.FusedMultiplyAdd(x, b1, c01), Avx512F.FusedMultiplyAdd(x, b2, c02), Avx512F.FusedMultiplyAdd(x, b3, c03));
            x = Vector512.Create(a[lda]);
            (c10, c11, c12, c13) = (Avx512F.FusedMultiplyAdd(x, b0, c10), Avx512F.FusedMultiplyAdd(x, b1, c11), Avx512F.FusedMultiplyAdd(x, b2, c12), Avx512F.FusedMultiplyAdd(x, b3, c13));
            x = Vector512.Create(a[2 * lda]);
            (c20, c21, c22, c23) = (Avx512F.FusedMultiplyAdd(x, b0, c20), Avx512F.FusedMultiplyAdd(x, b1, c21), Avx512F.FusedMultiplyAdd(x, b2, c22), Avx512F.FusedMultiplyAdd(x, b3, c23));
            x = Vector512.Create(a[3 * lda]);
            (c30, c31, c32, c33) = (Avx512F.FusedMultiplyAdd(x, b0, c30), Avx512F.FusedMultiplyAdd(x, b1, c31), Avx512F.FusedMultiplyAdd(x, b2, c32), Avx512F.FusedMultiplyAdd(x, b3, c33));
            x = Vector512.Create(a[4 * lda]);
            (c40, c41, c42, c43) = (Avx512F.FusedMultiplyAdd(x, b0, c40), Avx512F.FusedMultiplyAdd(x, b1, c41), Avx512F.FusedMultiplyAdd(x, b2, c42), Avx512F.FusedMultiplyAdd(x, b3, c43));
            x = Vector512.Create(a[5 * lda]);
            (c50, c51, c52, c53) = (Avx512F.FusedMultiplyAdd(x, b0, c50), Avx512F.FusedMultiplyAdd(x, b1, c51), Avx512F.FusedMultiplyAdd(x, b2, c52), Avx512F.FusedMultiplyAdd(x, b3, c53));
        }

        var tile = new TileWriter512(g.Alpha, g.Beta, 32);
        float* c = g.CAt(i, j);
        nint ldc = g.Ldc;
        tile.Row(c, c00, c01); tile.Row(c + 32, c02, c03); c += ldc;
        tile.Row(c, c10, c11); tile.Row(c + 32, c12, c13); c += ldc;
        tile.Row(c, c20, c21); tile.Row(c + 32, c22, c23); c += ldc;
        tile.Row(c, c30, c31); tile.Row(c + 32, c32, c33); c += ldc;
        tile.Row(c, c40, c41); tile.Row(c + 32, c42, c43); c += ldc;
        tile.Row(c, c50, c51); tile.Row(c + 32, c52, c53);
    }
}
