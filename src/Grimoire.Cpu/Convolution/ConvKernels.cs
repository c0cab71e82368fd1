using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using Grimoire.Cpu.Gemm;
using Grimoire.Kernels;
using Grimoire.Ops;

namespace Grimoire.Cpu.Convolution;

/// <summary>The float32 convolution kernels for one GEMM ISA: the forward pass (implicit GEMM, direct on AVX-512 "same"
/// layers, read from padded images on AVX2; bias in the epilogue), the input gradient and the batch-reduce weight
/// gradient, on that ISA's vector width. The micro-kernel is chosen by the
/// GEMM's row count: with AVX-512, rows that are a multiple of 8 but not of 12 (16, 32 or 64 channels) go to the 8 x 32
/// kernel instead of padding the 12 x 32 one.</summary>
internal static unsafe class ConvKernels
{
    public static (KernelBody Forward, KernelBody Input, KernelBody Weight) For(GemmIsa isa) =>
    (
        (inputs, output, attributes) => Forward(isa, (ConvAttributes)attributes!, inputs[0].HostPointer<float>(), inputs[1].HostPointer<float>(),
            inputs.Length > 2 ? inputs[2].HostPointer<float>() : null, output.HostPointer<float>()),
        (inputs, output, attributes) => InputGradient(isa, (ConvAttributes)attributes!, inputs[0].HostPointer<float>(), inputs[1].HostPointer<float>(), output.HostPointer<float>()),
        (inputs, output, attributes) => WeightGradient(isa, (ConvAttributes)attributes!, inputs[0].HostPointer<float>(), inputs[1].HostPointer<float>(), output.HostPointer<float>())
    );

    /// <summary>y = x ⊛ w (+ bias); the GEMM's rows are the output channels of a group.</summary>
    private static void Forward(GemmIsa isa, ConvAttributes a, float* x, float* w, float* bias, float* y)
    {
        switch (Choose(isa, a.OutPerGroup))
        {
            case Kernel.Narrow512: ConvForward<MicroKernel512Narrow, DirectConvKernel512, ConvLanes512, Vector512<float>>.Run(isa, a, x, w, bias, y); break;
            case Kernel.Wide512: ConvForward<MicroKernel512, DirectConvKernel512, ConvLanes512, Vector512<float>>.Run(isa, a, x, w, bias, y); break;
            default:
                if (PaddedAvx2(a)) PaddedConvForward256.Run(a, x, w, bias, y);
                else ConvForward<MicroKernel256, NoDirectConvKernel, ConvLanes256, Vector256<float>>.Run(isa, a, x, w, bias, y);
                break;
        }
    }

    /// <summary>Whether AVX2's forward pass reads <paramref name="a"/>'s images padded in place (<see cref="PaddedConvForward256"/>):
    /// whenever a padded image's offsets fit an int. It was as fast or faster than packing B panels on every vision layer
    /// (alternating, 3 rounds, load 7-10: first layer 0.88-1.26 → 0.55-0.75 ms, 5x5 14.5-16.6 → 13.4-14.4 ms, stride 2
    /// 1.83-1.99 → 1.64-1.97 ms, 64 channels 2.64-3.04 → 2.53-2.98 ms).</summary>
    private static bool PaddedAvx2(ConvAttributes a) => PaddedPhases.Fits(a.Window, a.InPerGroup, PaddedConvForward256.Slack);

    /// <summary>dx from dy and w; its column-gradient GEMM's rows are a group's taps. A stride-1 "same" layer whose
    /// flipped convolution (<see cref="FlippedConvolution"/>) the forward pass runs without packing (AVX-512's direct
    /// kernel, AVX2's padded images) is that forward pass instead: no column-gradient tile to add back (5x5 vision layer's
    /// dx 6.7-6.8 ms against 8.3-8.7 ms on AVX-512, alternating, load 20; on AVX2, with the padded forward's 4-row tiles,
    /// 14.9-15.0 against 15.6-16.5 ms, first layer 0.88-0.90 against 1.28-1.48 ms, 64 channels 2.59-2.83 against 2.69-3.22
    /// ms, alternating, 3 rounds, load 10).</summary>
    private static void InputGradient(GemmIsa isa, ConvAttributes a, float* dy, float* w, float* dx)
    {
        if (FlippedConvolution.Of(a) is { } flipped && DirectForward(isa, flipped))
        {
            var weights = (float*)NativeMemory.AlignedAlloc((nuint)((long)a.OutChannels * a.Taps * sizeof(float)), 64);
            try
            {
                FlippedConvolution.Weights(a, w, weights);
                Forward(isa, flipped, dy, weights, null, dx);
            }
            finally
            {
                NativeMemory.AlignedFree(weights);
            }
            return;
        }
        switch (Choose(isa, a.Taps))
        {
            case Kernel.Narrow512: ConvInputGradient<MicroKernel512Narrow, ConvLanes512, Vector512<float>>.Run(isa, a, dy, w, dx); break;
            case Kernel.Wide512: ConvInputGradient<MicroKernel512, ConvLanes512, Vector512<float>>.Run(isa, a, dy, w, dx); break;
            default: ConvInputGradient<MicroKernel256, ConvLanes256, Vector256<float>>.Run(isa, a, dy, w, dx); break;
        }
    }

    /// <summary>dw from dy and x: on AVX2 by the weight-gradient kernel reading padded copies of the images
    /// (<see cref="IWeightGradientKernel"/>); on AVX-512 by <see cref="Avx512WeightGradient"/>'s choice. The 5x5 vision
    /// layer's dw: 8.2-8.5 → 7.8-8.1 ms (AVX-512), 15.3 → 14.2-14.9 ms (AVX2); the first layer's AVX2 dw (16 outputs)
    /// 0.82 → 0.65 ms.</summary>
    private static void WeightGradient(GemmIsa isa, ConvAttributes a, float* dy, float* x, float* dw)
    {
        if (isa == GemmIsa.Avx512) ConvWeightGradient<WeightGradientKernel512, ConvLanes512, Vector512<float>>.Run(isa, a, dy, x, dw, Avx512WeightGradient(a));
        else ConvWeightGradient<WeightGradientKernel256, ConvLanes256, Vector256<float>>.Run(isa, a, dy, x, dw, WeightGradientPath.Direct);
    }

    /// <summary>The AVX-512 weight-gradient path that does the fewest multiply-adds once its tile's padding is counted:
    /// the 64-channel tile pads the output channels to 64, the packed tiles' kernel to 32, the pixel-lane tile pads them
    /// to 4 and each output row to 16 pixels (the taps are padded to 6 alike). A tie goes to the path that reads the
    /// images in place, then to the one that reads dy in place (the packed path also packs its tiles; the 64-channel
    /// tile also transposes dy).</summary>
    internal static WeightGradientPath Avx512WeightGradient(ConvAttributes a)
    {
        var (m, width) = (a.OutPerGroup, a.Window.OutWidth);
        var tile = (long)GemmDriver.RoundUp(m, WeightGradientKernel512.Cols) * width;
        var pixelLanes = (long)GemmDriver.RoundUp(m, PixelLaneWeightGradient512.Outputs) * GemmDriver.RoundUp(width, PixelLaneWeightGradient512.Lanes);
        var packed = (long)GemmDriver.RoundUp(m, SmallGemm512.Cols) * width;
        if (pixelLanes < Math.Min(tile, packed)) return WeightGradientPath.PixelLanes;
        return tile <= packed ? WeightGradientPath.Direct : WeightGradientPath.Packed;
    }

    /// <summary>Whether <see cref="Forward"/> runs <paramref name="a"/> without packing B panels.</summary>
    private static bool DirectForward(GemmIsa isa, ConvAttributes a) => Choose(isa, a.OutPerGroup) switch
    {
        Kernel.Narrow512 => ConvForward<MicroKernel512Narrow, DirectConvKernel512, ConvLanes512, Vector512<float>>.Direct(a),
        Kernel.Wide512 => ConvForward<MicroKernel512, DirectConvKernel512, ConvLanes512, Vector512<float>>.Direct(a),
        _ => PaddedAvx2(a),
    };

    private enum Kernel { Wide512, Narrow512, Avx2 }

    private static Kernel Choose(GemmIsa isa, int rows) => isa switch
    {
        GemmIsa.Avx512 => GemmDriver.RoundUp(rows, MicroKernel512Narrow.Mr) < GemmDriver.RoundUp(rows, MicroKernel512.Mr) ? Kernel.Narrow512 : Kernel.Wide512,
        GemmIsa.Avx2 => Kernel.Avx2,
        _ => throw new ArgumentOutOfRangeException(nameof(isa), isa, "convolution kernels exist for AVX-512 and AVX2"),
    };
}
