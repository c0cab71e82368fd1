using ILGPU;

namespace Grimoire.Gpu.Kernels;

/// <summary>Kernel-side tree reduction across one group through shared memory. Each thread first folds a strided
/// slice of the input into one value (stepping by <see cref="Group.DimX"/>), so a long axis is summed as one short
/// partial sum per thread plus a log-depth tree: faster than one thread walking the axis and far more accurate in
/// float32. Groups are launched with <see cref="GpuRuntime.GroupSize"/> threads, a power of two.</summary>
internal static class GroupReduce
{

    /// <summary>Sum, or max with NaN propagating, of two partial results.</summary>
    public static float Combine(float acc, float v, int isMax) =>
        isMax == 0 ? acc + v : float.IsNaN(v) || v > acc ? v : acc;

    /// <summary>The group-wide combination of every thread's <paramref name="partial"/>, returned to every thread.
    /// Ends with a barrier, so a second reduction in the same kernel cannot overwrite the result before all have read it.</summary>
    public static float Across(float partial, int isMax)
    {
        var shared = SharedMemory.Allocate<float>(AcceleratorSelector.MaxGroupSize);
        int t = Group.IdxX;
        shared[t] = partial;
        Group.Barrier();
        for (var half = Group.DimX / 2; half > 0; half /= 2)
        {
            if (t < half) shared[t] = Combine(shared[t], shared[t + half], isMax);
            Group.Barrier();
        }
        var result = shared[0];
        Group.Barrier();
        return result;
    }
}
