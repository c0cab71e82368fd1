using Grimoire.Gpu.Kernels;
using Grimoire.Kernels;
using Grimoire.Ops;

[assembly: KernelProvider(typeof(Grimoire.Gpu.GpuKernelProvider))]

namespace Grimoire.Gpu;

/// <summary>Registers the "gpu" device and its ILGPU kernels (variant "ilgpu") for the spine's op set in float32,
/// plus int32 copy, gather and the float32/int32 casts. They are usable only where an accelerator can be created.</summary>
public sealed class GpuKernelProvider : IKernelProvider
{
    /// <summary>The variant name of every ILGPU kernel.</summary>
    public const string Variant = "ilgpu";
    private const int Priority = 10;

    /// <inheritdoc/>
    public void Register(KernelRegistry.Registrar registrar)
    {
        DeviceBackends.Register(new GpuBackend());
        void Add(string op, KernelBody body, DType dtype = DType.Float32) =>
            registrar.Add(new KernelInfo(op, Gpu.Name, dtype, Variant, Isa.None, Priority, Gpu.Name) { Unavailable = () => GpuRuntime.UnavailableReason }, body);

        foreach (var op in ElementFunctions.UnaryOps) Add(op, ElementwiseKernels.Unary(op));
        foreach (var op in ElementFunctions.BinaryOps) Add(op, ElementwiseKernels.Binary(op));
        Add(OpNames.Where, ElementwiseKernels.Where);
        Add(OpNames.Sum, ReductionKernels.Reduce(max: false));
        Add(OpNames.Max, ReductionKernels.Reduce(max: true));
        Add(OpNames.ArgMax, ReductionKernels.ArgMax);
        Add(OpNames.Copy, ElementwiseKernels.Copy);
        Add(OpNames.Copy, ElementwiseKernels.Copy, DType.Int32);
        Add(OpNames.Cast, ElementwiseKernels.Cast);
        Add(OpNames.Cast, ElementwiseKernels.Cast, DType.Int32);
        Add(OpNames.Concat, IndexKernels.Concat);
        Add(OpNames.Gather, IndexKernels.Gather);
        Add(OpNames.Gather, IndexKernels.Gather, DType.Int32);
        Add(OpNames.ScatterAdd, IndexKernels.ScatterAdd);
        Add(OpNames.Unfold, ConvolutionKernels.Unfold);
        Add(OpNames.Fold, ConvolutionKernels.Fold);
        Add(OpNames.MaxPool2d, PoolingKernels.Forward);
        Add(OpNames.MaxPool2dBackward, PoolingKernels.Backward);
        Add(OpNames.MatMul, MatMulKernels.MatMul);
        Add(OpNames.Linear, MatMulKernels.Linear);
        Add(OpNames.Softmax, RowKernels.Softmax(log: false));
        Add(OpNames.LogSoftmax, RowKernels.Softmax(log: true));
        Add(OpNames.CrossEntropy, RowKernels.CrossEntropy);
        Add(OpNames.Mse, RowKernels.Mse);
        Add(OpNames.CumSum, ScanKernels.CumSum);
        Add(OpNames.AvgPool2d, AvgPoolKernels.Forward);
        Add(OpNames.AvgPool2dBackward, AvgPoolKernels.Backward);
        Add(OpNames.LayerNorm, FusedKernels.LayerNorm);
        Add(OpNames.NormalLogProb, FusedKernels.NormalLogProb);
        Add(OpNames.CategoricalLogProb, FusedKernels.CategoricalLogProb);
        Add(OpNames.AdamUpdate, FusedKernels.AdamUpdate);
    }
}
