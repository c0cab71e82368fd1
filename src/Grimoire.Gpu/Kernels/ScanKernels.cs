using ILGPU;
using ILGPU.Runtime;
using Grimoire.Ops;

namespace Grimoire.Gpu.Kernels;

/// <summary>cumsum over [outer, length, inner], one thread per line (outer · inner of them), summing in double like the
/// CPU kernels. Neighbouring threads take neighbouring columns, so when the scanned axis is not innermost their reads
/// coalesce.</summary>
internal static class ScanKernels
{
    [GpuKernel]
    private static void CumSumKernel(Index1D index, ArrayView<float> x, ArrayView<float> y, int outer, int length, int inner, int reverse)
    {
        int line = index;
        if (line >= outer * inner) return;
        var start = (long)(line / inner) * length * inner + line % inner;
        var sum = 0.0;
        for (var step = 0; step < length; step++)
        {
            var at = start + (long)(reverse != 0 ? length - 1 - step : step) * inner;
            sum += x[at];
            y[at] = (float)sum;
        }
    }

    public static void CumSum(ReadOnlySpan<Tensor> inputs, Tensor output, object? attributes)
    {
        var runtime = GpuTensors.Runtime(output);
        var s = (ScanAttributes)attributes!;
        runtime.AutoGrouped<Action<AcceleratorStream, Index1D, ArrayView<float>, ArrayView<float>, int, int, int, int>>(CumSumKernel)(
            runtime.Stream, GpuTensors.Extent((long)s.Outer * s.Inner), GpuTensors.Dense<float>(inputs[0]), GpuTensors.Dense<float>(output), s.Outer, s.Length, s.Inner, s.Reverse ? 1 : 0);
    }
}
