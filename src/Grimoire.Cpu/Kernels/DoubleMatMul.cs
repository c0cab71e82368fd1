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
        CpuParallel.For(s.Batch * blocks, Math.Max(1, (int)Math.Min(int.MaxValue, CpuParallel.MinElementsPerThread / Math.Max(1L, (long)rowsPerBlock * s.N * s.K / 64))), [MethodImpl(MethodImplOptions.AggressiveOptimization)] (w0, w1) =>
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
        for (var p = 0; p < k; p++)
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
                var i = i0 + r;
                var aip = o.TransA ? o.A[(long)p * o.Lda + i] : o.A[(long)i * o.Lda + p];
                if (aip == 0) continue;
                var cRow = new Span<double>(o.C + (long)r * n, n);
                AddScaled(cRow, aip, bRow);
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
