using Grimoire.Cpu.Gemm;
using Grimoire.Ops;

namespace Grimoire.Cpu.Kernels;

/// <summary>Batched matmul and the fused dense layer on the packed, cache-blocked SGEMM: transposed operands
/// are passed as flags (packing absorbs them), batches run in parallel when each product is too small to split.</summary>
internal static unsafe class MatMulKernel
{
    public static Grimoire.Kernels.KernelBody For(GemmIsa isa) => (inputs, output, attributes) => Run(isa, inputs[0], inputs[1], output, (MatMulAttributes)attributes!);

    public static Grimoire.Kernels.KernelBody LinearFor(GemmIsa isa) => (inputs, output, attributes) =>
    {
        var s = (LinearAttributes)attributes!;
        var (transW, ldw) = MatMulOperand.Layout(inputs[1], s.K, s.N);
        var bias = inputs.Length > 2 ? inputs[2].HostPointer<float>() : null;
        Sgemm.Run(isa, false, transW, s.M, s.N, s.K, 1f, inputs[0].HostPointer<float>(), Math.Max(1, s.K), inputs[1].HostPointer<float>(), ldw,
            0f, output.HostPointer<float>(), Math.Max(1, s.N), CpuParallel.Threads, new Epilogue(bias, s.Activation));
    };

    private static void Run(GemmIsa isa, Tensor a, Tensor b, Tensor c, MatMulAttributes s)
    {
        var (transA, lda) = MatMulOperand.Layout(a, s.M, s.K);
        var (transB, ldb) = MatMulOperand.Layout(b, s.K, s.N);
        var pa = a.HostPointer<float>();
        var pb = b.HostPointer<float>();
        var pc = c.HostPointer<float>();
        var (batchA, batchB) = (a.Strides[0], b.Strides[0]);
        var flops = 2.0 * s.M * s.N * s.K;
        var parallelBatches = s.Batch > 1 && flops < 4e6;
        if (parallelBatches)
        {
            CpuParallel.For(s.Batch, 1, (t0, t1) =>
            {
                for (var t = t0; t < t1; t++)
                    Sgemm.Run(isa, transA, transB, s.M, s.N, s.K, 1f, pa + (long)t * batchA, lda, pb + (long)t * batchB, ldb, 0f, pc + (long)t * s.M * s.N, Math.Max(1, s.N), 1);
            });
            return;
        }
        for (var t = 0; t < s.Batch; t++)
            Sgemm.Run(isa, transA, transB, s.M, s.N, s.K, 1f, pa + (long)t * batchA, lda, pb + (long)t * batchB, ldb, 0f, pc + (long)t * s.M * s.N, Math.Max(1, s.N), CpuParallel.Threads);
    }
}
