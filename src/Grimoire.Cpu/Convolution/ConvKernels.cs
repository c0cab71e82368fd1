using System.Runtime.Intrinsics;
using Grimoire.Cpu.Gemm;
using Grimoire.Kernels;
using Grimoire.Ops;

namespace Grimoire.Cpu.Convolution;

/// <summary>The float32 convolution kernels for one GEMM ISA: the implicit-GEMM forward pass (bias in the epilogue), the
/// input gradient and the batch-reduce weight gradient, on that ISA's micro-kernel and vector width.</summary>
internal static unsafe class ConvKernels
{
    public static (KernelBody Forward, KernelBody Input, KernelBody Weight) For(GemmIsa isa) => isa switch
    {
        GemmIsa.Avx512 => Bodies<MicroKernel512, ConvLanes512, Vector512<float>>(isa),
        GemmIsa.Avx2 => Bodies<MicroKernel256, ConvLanes256, Vector256<float>>(isa),
        _ => throw new ArgumentOutOfRangeException(nameof(isa), isa, "convolution kernels exist for AVX-512 and AVX2"),
    };

    private static (KernelBody, KernelBody, KernelBody) Bodies<TKernel, TL, TV>(GemmIsa isa)
        where TKernel : struct, IMicroKernel where TL : IConvLanes<TV> where TV : struct =>
    (
        (inputs, output, attributes) => ConvForward<TKernel, TL, TV>.Run(isa, (ConvAttributes)attributes!, inputs[0].HostPointer<float>(),
            inputs[1].HostPointer<float>(), inputs.Length > 2 ? inputs[2].HostPointer<float>() : null, output.HostPointer<float>()),
        (inputs, output, attributes) => ConvInputGradient<TKernel, TL, TV>.Run(isa, (ConvAttributes)attributes!, inputs[0].HostPointer<float>(),
            inputs[1].HostPointer<float>(), output.HostPointer<float>()),
        (inputs, output, attributes) => ConvWeightGradient<TKernel, TL, TV>.Run(isa, (ConvAttributes)attributes!, inputs[0].HostPointer<float>(),
            inputs[1].HostPointer<float>(), output.HostPointer<float>())
    );
}
