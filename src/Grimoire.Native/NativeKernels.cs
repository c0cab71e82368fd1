using Grimoire.Cpu;
using Grimoire.Kernels;
using Grimoire.Ops;

namespace Grimoire.Native;

/// <summary>Kernel bodies over the library: batched matmul on any row-major GEMM (own or vendor) and row softmax.
/// The ops have validated the tensors, so sizes go straight to the library, which checks them again.</summary>
internal static unsafe class NativeKernels
{
    /// <summary>C = op(A)·op(B), row-major, with transposes as flags and <paramref name="threads"/> worker threads.</summary>
    public delegate void RowMajorGemm(GemmTranspose transA, GemmTranspose transB, int m, int n, int k,
        float* a, int lda, float* b, int ldb, float* c, int ldc, int threads);

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
        var pa = a.HostPointer<float>();
        var pb = b.HostPointer<float>();
        var pc = output.HostPointer<float>();
        for (var t = 0; t < s.Batch; t++)
        {
            gemm(Flag(transA), Flag(transB), s.M, s.N, s.K, pa + (long)t * a.Strides[0], lda, pb + (long)t * b.Strides[0], ldb,
                pc + (long)t * s.M * s.N, s.N, CpuParallel.Threads);
        }
    };

    /// <summary>linear: one GEMM whose epilogue adds the bias and applies the activation tile by tile.</summary>
    public static void Linear(ReadOnlySpan<Tensor> inputs, Tensor output, object? attributes)
    {
        var s = (LinearAttributes)attributes!;
        var (transW, ldw) = MatMulOperand.Layout(inputs[1], s.K, s.N);
        var (m, n, k) = (s.M, s.N, s.K);
        var weightLength = m == 0 || n == 0 || k == 0 ? 0 : transW ? (n - 1) * ldw + k : (k - 1) * ldw + n;
        var bias = inputs.Length > 2 ? new ReadOnlySpan<float>(inputs[2].HostPointer<float>(), n) : default;
        NativeBlas.SgemmBiasAct(GemmLayout.RowMajor, GemmTranspose.None, Flag(transW), m, n, k,
            new ReadOnlySpan<float>(inputs[0].HostPointer<float>(), m * k), Math.Max(1, k), new ReadOnlySpan<float>(inputs[1].HostPointer<float>(), weightLength), ldw,
            bias, s.Activation, new Span<float>(output.HostPointer<float>(), m * n), Math.Max(1, n), CpuParallel.Threads);
    }

    /// <summary>softmax / log_softmax over contiguous [rows, cols] (inner = 1 by the op's contract).</summary>
    public static KernelBody Rows(bool log) => (inputs, output, attributes) =>
    {
        var s = (ReduceAttributes)attributes!;
        NativeBlas.Rows(log, inputs[0].HostPointer<float>(), output.HostPointer<float>(), s.Outer, s.Length, CpuParallel.Threads);
    };

    private static GemmTranspose Flag(bool transposed) => transposed ? GemmTranspose.Transpose : GemmTranspose.None;
}
