using System.Collections.Concurrent;
using System.Numerics;
using System.Reflection;
using ILGPU;
using ILGPU.Runtime;

namespace Grimoire.Gpu;

/// <summary>The process's one ILGPU context and accelerator, created on first use, and the kernels loaded on
/// it: each compiled once and cached.</summary>
internal sealed class GpuRuntime
{
    private static readonly Lazy<GpuRuntime> s_instance = new(() => new GpuRuntime());
    private readonly ConcurrentDictionary<MethodInfo, Delegate> _launchers = new();

    private GpuRuntime()
    {
        Context = AcceleratorSelector.CreateContext();
        try
        {
            Accelerator = AcceleratorSelector.Choose(Context).CreateAccelerator(Context);
        }
        catch
        {
            Context.Dispose();
            throw;
        }
    }

    /// <summary>The runtime, with its accelerator current on the calling thread: CUDA contexts are per thread, and
    /// launches, copies and frees also come from threads that did not create it (test runners, finalizers).</summary>
    public static GpuRuntime Instance
    {
        get
        {
            EnsureCurrent();
            return s_instance.Value;
        }
    }

    /// <summary>Makes the accelerator current on the calling thread (a thread-static check when it already is).</summary>
    public static void EnsureCurrent()
    {
        var accelerator = s_instance.Value.Accelerator;
        if (Accelerator.Current != accelerator) accelerator.Bind();
    }

    /// <summary>Null when an accelerator could be created, else why not (the failure is remembered).</summary>
    public static string? UnavailableReason
    {
        get
        {
            try
            {
                _ = Instance;
                return null;
            }
            catch (Exception e)
            {
                return $"no accelerator: {e.Message}";
            }
        }
    }

    public Context Context { get; }

    public Accelerator Accelerator { get; }

    public AcceleratorStream Stream => Accelerator.DefaultStream;

    /// <summary>Threads per group for reductions: the largest power of two the accelerator allows, at most
    /// <see cref="AcceleratorSelector.MaxGroupSize"/>.</summary>
    public int GroupSize => (int)Math.Min(AcceleratorSelector.MaxGroupSize, 1 << BitOperations.Log2((uint)Accelerator.MaxNumThreadsPerGroup));

    /// <summary>Side of the square matmul tile: one thread per tile element, so 16 where groups of 256 are allowed.</summary>
    public int MatMulTile => 1 << (BitOperations.Log2((uint)GroupSize) / 2);

    /// <summary>Frees device memory (through <see cref="Instance"/>, so on a thread where the accelerator is current).</summary>
    public void Free(MemoryBuffer buffer) => buffer.Dispose();

    /// <summary>The launcher of an implicitly grouped kernel: (stream, extent, arguments…).</summary>
    public T AutoGrouped<T>(Delegate kernel) where T : Delegate =>
        (T)_launchers.GetOrAdd(Checked(kernel, explicitlyGrouped: false), m => Accelerator.LoadAutoGroupedKernel<T>(m));

    /// <summary>The launcher of an explicitly grouped kernel: (stream, KernelConfig, arguments…).</summary>
    public T Grouped<T>(Delegate kernel) where T : Delegate =>
        (T)_launchers.GetOrAdd(Checked(kernel, explicitlyGrouped: true), m => Accelerator.LoadKernel<T>(m));

    private static MethodInfo Checked(Delegate kernel, bool explicitlyGrouped)
    {
        var method = kernel.Method;
        if (method.GetCustomAttribute<GpuKernelAttribute>() is not { } marker || marker.ExplicitlyGrouped != explicitlyGrouped)
            throw new InvalidOperationException($"{method.DeclaringType?.Name}.{method.Name} is not marked [GpuKernel(ExplicitlyGrouped = {explicitlyGrouped})]");
        return method;
    }
}
