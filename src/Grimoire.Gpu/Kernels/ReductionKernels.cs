using ILGPU;
using ILGPU.Runtime;
using Grimoire.Kernels;
using Grimoire.Ops;

namespace Grimoire.Gpu.Kernels;

/// <summary>sum, max and argmax over the middle axis of [outer, length, inner]: one thread per output element,
/// each walking its reduction axis (outputs are many in the shapes models use; a whole-tensor total runs on one
/// thread, which is correct but slow, see docs/architecture.md).</summary>
internal static class ReductionKernels
{
    [GpuKernel]
    private static void ReduceKernel(Index1D index, ArrayView<float> x, ArrayView<float> y, int outer, int length, int inner, int isMax)
    {
        int i = index;
        if (i >= outer * inner) return;
        var (o, j) = (i / inner, i % inner);
        var acc = isMax != 0 ? float.NegativeInfinity : 0f;
        for (var k = 0; k < length; k++)
        {
            var v = x[((long)o * length + k) * inner + j];
            acc = isMax == 0 ? acc + v : float.IsNaN(v) || v > acc ? v : acc;
        }
        y[i] = acc;
    }

    [GpuKernel]
    private static void ArgMaxKernel(Index1D index, ArrayView<float> x, ArrayView<int> y, int outer, int length, int inner)
    {
        int i = index;
        if (i >= outer * inner) return;
        var (o, j) = (i / inner, i % inner);
        var (best, at) = (length > 0 ? x[(long)o * length * inner + j] : 0f, 0);
        for (var k = 1; k < length; k++)
        {
            var v = x[((long)o * length + k) * inner + j];
            if (v > best) (best, at) = (v, k);
        }
        y[i] = at;
    }

    public static KernelBody Reduce(bool max) => (inputs, output, attributes) =>
    {
        var s = (ReduceAttributes)attributes!;
        GpuRuntime.Instance.AutoGrouped<Action<AcceleratorStream, Index1D, ArrayView<float>, ArrayView<float>, int, int, int, int>>(ReduceKernel)(
            GpuTensors.Stream, GpuTensors.Extent((long)s.Outer * s.Inner), GpuTensors.Dense<float>(inputs[0]), GpuTensors.Dense<float>(output), s.Outer, s.Length, s.Inner, max ? 1 : 0);
    };

    public static void ArgMax(ReadOnlySpan<Tensor> inputs, Tensor output, object? attributes)
    {
        var s = (ReduceAttributes)attributes!;
        GpuRuntime.Instance.AutoGrouped<Action<AcceleratorStream, Index1D, ArrayView<float>, ArrayView<int>, int, int, int>>(ArgMaxKernel)(
            GpuTensors.Stream, GpuTensors.Extent((long)s.Outer * s.Inner), GpuTensors.Dense<float>(inputs[0]), GpuTensors.Dense<int>(output), s.Outer, s.Length, s.Inner);
    }
}
