using ILGPU;

namespace Grimoire.Gpu.Kernels;

/// <summary>Kernel-side reduction across one group: each thread first folds a strided slice of the input into one value
/// (stepping by <see cref="Group.DimX"/>), then the group combines those partials by a log-depth tree in shared memory.
/// A long axis is thus summed as short partial sums plus a tree: faster than one thread walking the axis and far more
/// accurate in float32. No atomics: ILGPU's CPU accelerator implements float atomics as a compare-and-swap loop that
/// compares values, so a NaN in the target never compares equal and the loop spins forever (ILGPU.Algorithms' group
/// all-reduce uses such atomics).</summary>
internal static class GroupReduce
{
    /// <summary>Sum, or max with NaN propagating, of two partial results.</summary>
    public static float Combine(float acc, float v, int isMax) =>
        isMax == 0 ? acc + v : float.IsNaN(v) || v > acc ? v : acc;

    /// <summary>The group-wide combination of every thread's <paramref name="partial"/>, returned to every thread. The
    /// group size must be a power of two no larger than <see cref="AcceleratorSelector.MaxGroupSize"/> (as
    /// <see cref="GpuRuntime.GroupSize"/> is). Ends with a barrier, so a second reduction in the same kernel cannot reuse
    /// the shared memory before all have read it.</summary>
    public static float Across(float partial, int isMax)
    {
        var shared = SharedMemory.Allocate<float>(AcceleratorSelector.MaxGroupSize);
        var thread = Group.IdxX;
        shared[thread] = partial;
        Group.Barrier();
        for (var stride = Group.DimX / 2; stride > 0; stride /= 2)
        {
            if (thread < stride) shared[thread] = Combine(shared[thread], shared[thread + stride], isMax);
            Group.Barrier();
        }
        var result = shared[0];
        Group.Barrier();
        return result;
    }
}
