namespace Grimoire.Gpu;

/// <summary>Marks a method compiled for the accelerator. The loader refuses unmarked methods, so the offline
/// PTX test, which compiles every marked method, covers every kernel that can run.</summary>
[AttributeUsage(AttributeTargets.Method)]
internal sealed class GpuKernelAttribute : Attribute
{
    /// <summary>True for kernels that use groups and shared memory (launched with an explicit group size).</summary>
    public bool ExplicitlyGrouped { get; init; }
}
