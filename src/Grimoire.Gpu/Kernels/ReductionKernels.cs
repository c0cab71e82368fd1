using ILGPU;
using ILGPU.Runtime;
using Grimoire.Kernels;
using Grimoire.Ops;

namespace Grimoire.Gpu.Kernels;

/// <summary>sum, max and argmax over the middle axis of [outer, length, inner]. A short axis is walked by one
/// thread per output element (outputs are then many); a long one gets a group per output element and a tree
/// reduction (<see cref="GroupReduce"/>), which also keeps float32 sums accurate.</summary>
internal static class ReductionKernels
{
    /// <summary>Axes up to this long are reduced by one thread each.</summary>
    private const int ShortAxis = 64;

    [GpuKernel]
    private static void ReduceShortKernel(Index1D index, ArrayView<float> x, ArrayView<float> y, int outer, int length, int inner, int isMax)
    {
        int i = index;
        if (i >= outer * inner) return;
        var (o, j) = (i / inner, i % inner);
        var acc = isMax != 0 ? float.NegativeInfinity : 0f;
        for (var k = 0; k < length; k++) acc = GroupReduce.Combine(acc, x[((long)o * length + k) * inner + j], isMax);
        y[i] = acc;
    }

    /// <summary>One group per output element (grid x = output index).</summary>
    [GpuKernel(ExplicitlyGrouped = true)]
    private static void ReduceLongKernel(ArrayView<float> x, ArrayView<float> y, int length, int inner, int isMax)
    {
        int i = Grid.IdxX;
        var (o, j) = (i / inner, i % inner);
        var max = float.NegativeInfinity;
        var sum = default(CompensatedSum);
        for (var k = Group.IdxX; k < length; k += Group.DimX)
        {
            var v = x[((long)o * length + k) * inner + j];
            if (isMax != 0) max = GroupReduce.Combine(max, v, isMax);
            else sum.Add(v);
        }
        var total = GroupReduce.Across(isMax != 0 ? max : sum.Sum, isMax);
        if (Group.IdxX == 0) y[i] = total;
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
        var runtime = GpuTensors.Runtime(output);
        var s = (ReduceAttributes)attributes!;
        var outputs = (long)s.Outer * s.Inner;
        if (s.Length > ShortAxis && outputs > 0)
        {
            runtime.Grouped<Action<AcceleratorStream, KernelConfig, ArrayView<float>, ArrayView<float>, int, int, int>>(ReduceLongKernel)(
                runtime.Stream, new KernelConfig((int)outputs, runtime.GroupSize), GpuTensors.Dense<float>(inputs[0]), GpuTensors.Dense<float>(output), s.Length, s.Inner, max ? 1 : 0);
            return;
        }
        runtime.AutoGrouped<Action<AcceleratorStream, Index1D, ArrayView<float>, ArrayView<float>, int, int, int, int>>(ReduceShortKernel)(
            runtime.Stream, GpuTensors.Extent(outputs), GpuTensors.Dense<float>(inputs[0]), GpuTensors.Dense<float>(output), s.Outer, s.Length, s.Inner, max ? 1 : 0);
    };

    public static void ArgMax(ReadOnlySpan<Tensor> inputs, Tensor output, object? attributes)
    {
        var runtime = GpuTensors.Runtime(output);
        var s = (ReduceAttributes)attributes!;
        runtime.AutoGrouped<Action<AcceleratorStream, Index1D, ArrayView<float>, ArrayView<int>, int, int, int>>(ArgMaxKernel)(
            runtime.Stream, GpuTensors.Extent((long)s.Outer * s.Inner), GpuTensors.Dense<float>(inputs[0]), GpuTensors.Dense<int>(output), s.Outer, s.Length, s.Inner);
    }
}
