using Grimoire.Gpu.Kernels;
using Grimoire.Kernels;
using Grimoire.Ops;

[assembly: KernelProvider(typeof(Grimoire.Gpu.GpuKernelProvider))]

namespace Grimoire.Gpu;

/// <summary>Registers the two gpu devices and their ILGPU kernels for the spine's op set in float32, plus int32 copy,
/// gather and the float32/int32 casts: variant "ilgpu" on the "gpu" device (usable only where a CUDA or OpenCL accelerator
/// is present) and the same kernels as variant "ilgpu-sim" on the "gpu-sim" device (ILGPU's CPU simulator).</summary>
public sealed class GpuKernelProvider : IKernelProvider
{
    /// <summary>The variant name of the ILGPU kernels on the "gpu" device.</summary>
    public const string Variant = "ilgpu";

    /// <summary>The variant name of the same kernels on the "gpu-sim" device.</summary>
    public const string SimulatorVariant = "ilgpu-sim";

    private const int Priority = 10;

    /// <inheritdoc/>
    public void Register(KernelRegistry.Registrar registrar)
    {
        Register(registrar, Gpu.Name, Variant);
        Register(registrar, Gpu.SimulatorName, SimulatorVariant);
    }

    private static void Register(KernelRegistry.Registrar registrar, string device, string variant)
    {
        DeviceBackends.Register(new GpuBackend(device));
        void Add(string op, KernelBody body, DType dtype = DType.Float32) =>
            registrar.Add(new KernelInfo(op, device, dtype, variant, Isa.None, Priority, device) { Unavailable = () => GpuRuntime.UnavailableReason(device) }, body);

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
