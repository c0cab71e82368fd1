using ILGPU;
using ILGPU.Algorithms;
using ILGPU.Algorithms.ScanReduceOperations;

namespace Grimoire.Gpu.Kernels;

/// <summary>Kernel-side reduction across one group, by ILGPU.Algorithms' group all-reduce (warp shuffles, then one value
/// per warp through shared memory). Each thread first folds a strided slice of the input into one value (stepping by
/// <see cref="Group.DimX"/>), so a long axis is summed as one short partial sum per thread plus a log-depth tree: faster
/// than one thread walking the axis and far more accurate in float32.</summary>
internal static class GroupReduce
{
    /// <summary>Sum, or max with NaN propagating, of two partial results.</summary>
    public static float Combine(float acc, float v, int isMax) =>
        isMax == 0 ? acc + v : float.IsNaN(v) || v > acc ? v : acc;

    /// <summary>The group-wide combination of every thread's <paramref name="partial"/>, returned to every thread. Ends
    /// with a barrier, so a second reduction in the same kernel cannot reuse the shared memory before all have read it.</summary>
    public static float Across(float partial, int isMax)
    {
        var result = isMax == 0 ? GroupExtensions.AllReduce<float, AddFloat>(partial) : GroupExtensions.AllReduce<float, MaxPropagatingNaN>(partial);
        Group.Barrier();
        return result;
    }

    /// <summary>max as the CPU kernels define it: a NaN anywhere makes the result NaN (XMath.Max would drop it). On
    /// OpenCL, whose native group max is used where available, NaN propagation is the device's.</summary>
    private readonly struct MaxPropagatingNaN : IScanReduceOperation<float>
    {
        public string CLCommand => "max";

        public float Identity => float.NegativeInfinity;

        public float Apply(float first, float second) => Combine(first, second, isMax: 1);

        public void AtomicApply(ref float target, float value) => Atomic.Max(ref target, value);
    }
}
