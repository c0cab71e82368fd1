using System.Collections.Concurrent;
using System.Numerics;
using System.Reflection;
using ILGPU;
using ILGPU.Runtime;

namespace Grimoire.Gpu;

/// <summary>One device's ILGPU context, accelerator and stream, created on first use, with the kernels loaded on it
/// (each compiled once and cached) and its caching allocator. Every launch and copy goes on <see cref="Stream"/>, in
/// order, so the host waits only in <see cref="Synchronize"/>, which counts its calls.</summary>
internal sealed class GpuRuntime
{
    private static readonly Lazy<GpuRuntime> s_gpu = new(() => new GpuRuntime(Gpu.Name, AcceleratorSelector.Real));
    private static readonly Lazy<GpuRuntime> s_simulator = new(() => new GpuRuntime(Gpu.SimulatorName, AcceleratorSelector.Simulator));
    private readonly ConcurrentDictionary<MethodInfo, Delegate> _launchers = new();
    private long _synchronizations;

    private GpuRuntime(string name, Func<(Context, ILGPU.Runtime.Device)> open)
    {
        Name = name;
        (Context, var device) = open();
        try
        {
            Accelerator = device.CreateAccelerator(Context);
        }
        catch (Exception e) when (e is not DeviceException)
        {
            Context.Dispose();
            throw new DeviceUnavailableException(name, $"{device.AcceleratorType} {device.Name} could not be opened: {e.Message}", name == Gpu.Name ? Gpu.SimulatorName : null);
        }
        Pool = new DeviceMemoryPool(this);
        Faults = new IndexFaults(Accelerator);
    }

    /// <summary>The runtime of a gpu device ("gpu" or "gpu-sim"), with its accelerator current on the calling thread: CUDA
    /// contexts are per thread, and launches, copies and frees also come from threads that did not create it.</summary>
    /// <exception cref="DeviceUnavailableException">the device is not on this machine (the failure is remembered).</exception>
    public static GpuRuntime For(string device)
    {
        var runtime = (device switch
        {
            Gpu.Name => s_gpu,
            Gpu.SimulatorName => s_simulator,
            _ => throw new DeviceException($"'{device}' is not a gpu device (expected {Gpu.Name} or {Gpu.SimulatorName})"),
        }).Value;
        runtime.EnsureCurrent();
        return runtime;
    }

    /// <summary>Null when the device can be used, else why not (worked out once: kernel listings ask for every kernel).</summary>
    public static string? UnavailableReason(string device) => device switch
    {
        Gpu.Name => s_gpuUnavailable.Value,
        Gpu.SimulatorName => s_simulatorUnavailable.Value,
        _ => $"'{device}' is not a gpu device",
    };

    private static readonly Lazy<string?> s_gpuUnavailable = new(() => Probe(Gpu.Name));
    private static readonly Lazy<string?> s_simulatorUnavailable = new(() => Probe(Gpu.SimulatorName));

    private static string? Probe(string device)
    {
        try
        {
            For(device);
            return null;
        }
        catch (DeviceException e)
        {
            return e.Message;
        }
    }

    /// <summary>"gpu" or "gpu-sim".</summary>
    public string Name { get; }

    public Context Context { get; }

    public Accelerator Accelerator { get; }

    public AcceleratorStream Stream => Accelerator.DefaultStream;

    public DeviceMemoryPool Pool { get; }

    /// <summary>Index checks queued on the device, reported when the host next waits.</summary>
    public IndexFaults Faults { get; }

    /// <summary>Host waits so far: reads back and explicit synchronisations.</summary>
    public long Synchronizations => Interlocked.Read(ref _synchronizations);

    /// <summary>Kernels compiled and loaded on this accelerator.</summary>
    public int KernelsLoaded => _launchers.Count;

    /// <summary>Threads per group for reductions: the largest power of two the accelerator allows, at most
    /// <see cref="AcceleratorSelector.MaxGroupSize"/>.</summary>
    public int GroupSize => (int)Math.Min(AcceleratorSelector.MaxGroupSize, 1 << BitOperations.Log2((uint)Accelerator.MaxNumThreadsPerGroup));

    /// <summary>Side of the square GEMM thread group: 16 where groups of 256 are allowed, 4 on the simulator.</summary>
    public int GemmGroupSide => 1 << (BitOperations.Log2((uint)GroupSize) / 2);

    /// <summary>Makes the accelerator current on the calling thread (a thread-static check when it already is).</summary>
    public void EnsureCurrent()
    {
        if (Accelerator.Current != Accelerator) Accelerator.Bind();
    }

    /// <summary>Waits for everything queued on the stream; the only place the host waits for the device.</summary>
    /// <exception cref="ShapeException">an index check queued since the last wait failed.</exception>
    public void Synchronize()
    {
        Interlocked.Increment(ref _synchronizations);
        EnsureCurrent();
        Stream.Synchronize();
        Faults.Raise(Stream);
    }

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
