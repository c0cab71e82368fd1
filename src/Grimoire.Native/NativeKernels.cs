using Grimoire.Cpu;
using Grimoire.Kernels;
using Grimoire.Ops;

namespace Grimoire.Native;

/// <summary>Kernel bodies over the library: batched matmul on any row-major GEMM (own or vendor) and row softmax.
/// Every call goes through the span overloads, so each operand's extent is checked against its view before a
/// pointer crosses into native code (and the library checks the sizes again).</summary>
internal static class NativeKernels
{
    /// <summary>C = op(A)·op(B), row-major, with transposes as flags and <paramref name="threads"/> worker threads.</summary>
    public delegate void RowMajorGemm(GemmTranspose transA, GemmTranspose transB, int m, int n, int k,
        ReadOnlySpan<float> a, int lda, ReadOnlySpan<float> b, int ldb, Span<float> c, int ldc, int threads);

    public static readonly RowMajorGemm Own = (ta, tb, m, n, k, a, lda, b, ldb, c, ldc, threads) =>
        NativeBlas.Sgemm(GemmLayout.RowMajor, ta, tb, m, n, k, 1f, a, lda, b, ldb, 0f, c, ldc, threads);

    public static RowMajorGemm Vendor(BlasVendor vendor) => (ta, tb, m, n, k, a, lda, b, ldb, c, ldc, threads) =>
        VendorBlas.Sgemm(vendor, GemmLayout.RowMajor, ta, tb, m, n, k, 1f, a, lda, b, ldb, 0f, c, ldc, threads);

    /// <summary>matmul: one GEMM per batch, each free to use every thread.</summary>
    public static KernelBody MatMul(RowMajorGemm gemm) => (inputs, output, attributes) =>
    {
        var s = (MatMulAttributes)attributes!;
        var (a, b) = (inputs[0], inputs[1]);
        var (transA, lda) = MatMulOperand.Layout(a, s.M, s.K);
        var (transB, ldb) = MatMulOperand.Layout(b, s.K, s.N);
        var ea = a.HostExtent<float>();
        var eb = b.HostExtent<float>();
        var c = output.HostSpan<float>();
        var matrix = s.M * s.N; // within the output, so within int
        for (var t = 0; t < s.Batch; t++)
        {
            gemm(Flag(transA), Flag(transB), s.M, s.N, s.K, Batch(ea, t, a.Strides[0]), lda, Batch(eb, t, b.Strides[0]), ldb,
                c.Slice(t * matrix, matrix), Math.Max(1, s.N), CpuParallel.Threads);
        }
    };

    /// <summary>linear: one GEMM whose epilogue adds the bias and applies the activation tile by tile.</summary>
    public static void Linear(ReadOnlySpan<Tensor> inputs, Tensor output, object? attributes)
    {
        var s = (LinearAttributes)attributes!;
        var (transW, ldw) = MatMulOperand.Layout(inputs[1], s.K, s.N);
        var bias = inputs.Length > 2 ? inputs[2].HostSpan<float>() : default;
        NativeBlas.SgemmBiasAct(GemmLayout.RowMajor, GemmTranspose.None, Flag(transW), s.M, s.N, s.K,
            inputs[0].HostExtent<float>(), Math.Max(1, s.K), inputs[1].HostExtent<float>(), ldw,
            bias, s.Activation, output.HostSpan<float>(), Math.Max(1, s.N), CpuParallel.Threads);
    }

    /// <summary>softmax / log_softmax over contiguous [rows, cols] (inner = 1 by the op's contract).</summary>
    public static KernelBody Rows(bool log) => (inputs, output, attributes) =>
    {
        var s = (ReduceAttributes)attributes!;
        var x = inputs[0].HostSpan<float>();
        var y = output.HostSpan<float>();
        if (log) NativeBlas.LogSoftmaxRows(x, y, s.Outer, s.Length, CpuParallel.Threads);
        else NativeBlas.SoftmaxRows(x, y, s.Outer, s.Length, CpuParallel.Threads);
    };

    /// <summary>Batch <paramref name="t"/>'s elements of an operand's extent (all of it from its first element on;
    /// the GEMM checks its matrix fits).</summary>
    private static ReadOnlySpan<float> Batch(Span<float> extent, int t, int batchStride) =>
        extent[checked((int)Math.Min((long)t * batchStride, extent.Length))..];

    private static GemmTranspose Flag(bool transposed) => transposed ? GemmTranspose.Transpose : GemmTranspose.None;
}
