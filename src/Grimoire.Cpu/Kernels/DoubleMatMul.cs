using System.Numerics.Tensors;
using System.Runtime.Intrinsics;
using System.Runtime.CompilerServices;
using Grimoire.Ops;

namespace Grimoire.Cpu.Kernels;

/// <summary>
/// Float64 batched matmul for the classical models (normal equations, distances, predictions), where the naive
/// reference would dominate a fit. Outer-product form: for each inner index p, every row i of a block of C gains
/// A[i,p]·B[p,:], so a block of C (at most <see cref="BlockBytes"/>) stays in L2 while A and B stream through once
/// per block. Threads take separate row blocks. A[i,p] is read at any stride; a row of B is copied to a
/// contiguous buffer when B is transposed. Accumulation is in float64, in order p = 0..k-1.
/// </summary>
internal static unsafe class DoubleMatMul
{
    private const int BlockBytes = 256 * 1024;

    // Register tile of C (rows x columns) and the depth of the A/B panels it sweeps while they sit in L1/L2.
    private const int TileRows = 4;
    private const int TileCols = 16;
    private const int DepthBlock = 256;


    public static void Run(ReadOnlySpan<Tensor> inputs, Tensor output, object? attributes)
    {
        var s = (MatMulAttributes)attributes!;
        var (a, b) = (inputs[0], inputs[1]);
        var (transA, lda) = MatMulOperand.Layout(a, s.M, s.K);
        var (transB, ldb) = MatMulOperand.Layout(b, s.K, s.N);
        var (pa, pb, pc) = ((nint)a.HostPointer<double>(), (nint)b.HostPointer<double>(), (nint)output.HostPointer<double>());
        var (batchA, batchB) = (a.Strides[0], b.Strides[0]);
        var rowsPerBlock = Math.Max(1, Math.Min(s.M, BlockBytes / (8 * Math.Max(1, s.N))));
        var blocks = (s.M + rowsPerBlock - 1) / rowsPerBlock;
        CpuParallel.For(s.Batch * blocks, CpuParallel.MinItemsPerChunk((long)rowsPerBlock * s.N * s.K / 64), [MethodImpl(MethodImplOptions.AggressiveOptimization)] (w0, w1) =>
        {
            var bRow = transB ? new double[s.N] : null;
            for (var w = w0; w < w1; w++)
            {
                var (t, block) = (w / blocks, w % blocks);
                var i0 = block * rowsPerBlock;
                var rows = Math.Min(rowsPerBlock, s.M - i0);
                var operands = new Operands((double*)pa + (long)t * batchA, lda, transA, (double*)pb + (long)t * batchB, ldb, transB, (double*)pc + ((long)t * s.M + i0) * s.N);
                Block(operands, i0, rows, s.N, s.K, bRow);
            }
        });
    }

    private readonly struct Operands(double* a, int lda, bool transA, double* b, int ldb, bool transB, double* c)
    {
        public readonly double* A = a, B = b, C = c;
        public readonly int Lda = lda, Ldb = ldb;
        public readonly bool TransA = transA, TransB = transB;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Block(Operands o, int i0, int rows, int n, int k, double[]? bRowBuffer)
    {
        new Span<double>(o.C, rows * n).Clear();
        var tiles = !o.TransB && Vector512.IsHardwareAccelerated;
        var (tiledRows, tiledCols) = tiles ? (rows / TileRows * TileRows, n / TileCols * TileCols) : (0, 0);
        for (var p0 = 0; p0 < k; p0 += DepthBlock)
        {
            var p1 = Math.Min(k, p0 + DepthBlock);
            for (var r = 0; r < tiledRows; r += TileRows)
                for (var j = 0; j < tiledCols; j += TileCols) Tile(o, i0 + r, o.C + (long)r * n + j, n, j, p0, p1);
            Rest(o, i0, rows, n, p0, p1, tiledRows, tiledCols, bRowBuffer);
        }
    }

    /// <summary>A 4 x 16 block of C held in eight registers over the depth block: per step, two loads of B and
    /// four broadcasts of A feed eight FMAs, where the outer-product form loads and stores C for every FMA.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Tile(Operands o, int i, double* c, int ldc, int j, int p0, int p1)
    {
        Vector512<double> c00 = Vector512.Load(c), c01 = Vector512.Load(c + 8);
        Vector512<double> c10 = Vector512.Load(c + ldc), c11 = Vector512.Load(c + ldc + 8);
        Vector512<double> c20 = Vector512.Load(c + 2 * ldc), c21 = Vector512.Load(c + 2 * ldc + 8);
        Vector512<double> c30 = Vector512.Load(c + 3 * ldc), c31 = Vector512.Load(c + 3 * ldc + 8);
        // Step between consecutive rows of A, and between consecutive depths, in elements.
        var (rowStep, depthStep) = o.TransA ? (1L, (long)o.Lda) : (o.Lda, 1L);
        var a = o.A + i * rowStep + p0 * depthStep;
        var b = o.B + (long)p0 * o.Ldb + j;
        for (var p = p0; p < p1; p++, a += depthStep, b += o.Ldb)
        {
            var (b0, b1) = (Vector512.Load(b), Vector512.Load(b + 8));
            var a0 = Vector512.Create(a[0]);
            c00 = Vector512.FusedMultiplyAdd(a0, b0, c00);
            c01 = Vector512.FusedMultiplyAdd(a0, b1, c01);
            var a1 = Vector512.Create(a[rowStep]);
            c10 = Vector512.FusedMultiplyAdd(a1, b0, c10);
            c11 = Vector512.FusedMultiplyAdd(a1, b1, c11);
            var a2 = Vector512.Create(a[2 * rowStep]);
            c20 = Vector512.FusedMultiplyAdd(a2, b0, c20);
            c21 = Vector512.FusedMultiplyAdd(a2, b1, c21);
            var a3 = Vector512.Create(a[3 * rowStep]);
            c30 = Vector512.FusedMultiplyAdd(a3, b0, c30);
            c31 = Vector512.FusedMultiplyAdd(a3, b1, c31);
        }
        Vector512.Store(c00, c);
        Vector512.Store(c01, c + 8);
        Vector512.Store(c10, c + ldc);
        Vector512.Store(c11, c + ldc + 8);
        Vector512.Store(c20, c + 2 * ldc);
        Vector512.Store(c21, c + 2 * ldc + 8);
        Vector512.Store(c30, c + 3 * ldc);
        Vector512.Store(c31, c + 3 * ldc + 8);
    }

    /// <summary>The part of C the tiles leave (rows from <paramref name="tiledRows"/>, columns from
    /// <paramref name="tiledCols"/>) in outer-product form over the depth block. A single column of C with A
    /// stored transposed (Xᵀ·y) is instead one vector update per depth, along the rows.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Rest(Operands o, int i0, int rows, int n, int p0, int p1, int tiledRows, int tiledCols, double[]? bRowBuffer)
    {
        if (n == 1 && o.TransA)
        {
            var column = new Span<double>(o.C, rows);
            for (var p = p0; p < p1; p++)
                AddScaled(column, o.TransB ? o.B[p] : o.B[(long)p * o.Ldb], new ReadOnlySpan<double>(o.A + (long)p * o.Lda + i0, rows));
            return;
        }
        if (n == 1 && (o.TransB || o.Ldb == 1))
        {
            // X·w (A is not transposed here, see above): each row of C is one dot product of a row of A with B's column.
            var column = new ReadOnlySpan<double>(o.B + p0, p1 - p0);
            for (var r = 0; r < rows; r++)
                o.C[r] += TensorPrimitives.Dot(new ReadOnlySpan<double>(o.A + (long)(i0 + r) * o.Lda + p0, p1 - p0), column);
            return;
        }
        for (var p = p0; p < p1; p++)
        {
            ReadOnlySpan<double> bRow;
            if (o.TransB)
            {
                for (var j = 0; j < n; j++) bRowBuffer![j] = o.B[(long)j * o.Ldb + p];
                bRow = bRowBuffer;
            }
            else
            {
                bRow = new ReadOnlySpan<double>(o.B + (long)p * o.Ldb, n);
            }
            for (var r = 0; r < rows; r++)
            {
                var from = r < tiledRows ? tiledCols : 0;
                if (from >= n) continue;
                var aip = o.TransA ? o.A[(long)p * o.Lda + i0 + r] : o.A[(long)(i0 + r) * o.Lda + p];
                if (aip == 0) continue;
                AddScaled(new Span<double>(o.C + (long)r * n + from, n - from), aip, bRow[from..]);
            }
        }
    }

    /// <summary>c += a·b with the widest vectors the CPU has. Written here, not with TensorPrimitives, so it is
    /// compiled optimised from the first call: the fit calls it millions of times before tiering would.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void AddScaled(Span<double> c, double a, ReadOnlySpan<double> b)
    {
        var j = 0;
        fixed (double* pc = c, pb = b)
        {
            if (Vector512.IsHardwareAccelerated)
            {
                var va = Vector512.Create(a);
                for (; j <= c.Length - 8; j += 8)
                    Vector512.Store(Vector512.FusedMultiplyAdd(va, Vector512.Load(pb + j), Vector512.Load(pc + j)), pc + j);
            }
            else if (Vector256.IsHardwareAccelerated)
            {
                var va = Vector256.Create(a);
                for (; j <= c.Length - 4; j += 4)
                    Vector256.Store(Vector256.FusedMultiplyAdd(va, Vector256.Load(pb + j), Vector256.Load(pc + j)), pc + j);
            }
            for (; j < c.Length; j++) pc[j] = Math.FusedMultiplyAdd(a, pb[j], pc[j]);
        }
    }
}
