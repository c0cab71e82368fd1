using Grimoire.Kernels;

namespace Grimoire.Gpu;

/// <summary>The gpu devices, for <c>Tensor.To(Gpu.Device)</c> and factory arguments. Touching this class registers the GPU
/// backend (<see cref="GpuKernelProvider"/>), so an application that uses a device needs no other call.</summary>
public static class Gpu
{
    /// <summary>The backend name of the real accelerator, as in <see cref="Grimoire.Device.Backend"/> and kernel listings.</summary>
    public const string Name = "gpu";

    /// <summary>The backend name of ILGPU's CPU simulator, a separate device for tests.</summary>
    public const string SimulatorName = "gpu-sim";

    /// <summary>The "gpu" device: a real accelerator, CUDA, else OpenCL (GRIMOIRE_GPU=cuda|opencl picks one). On a machine
    /// without one, using it throws <see cref="DeviceUnavailableException"/> and its kernels are listed as unavailable.</summary>
    public static readonly Device Device;

    /// <summary>The "gpu-sim" device: the same kernels on ILGPU's CPU simulator (16-thread groups). Correct and slow; for
    /// tests and development, never chosen unless asked for.</summary>
    public static readonly Device Simulator;

    static Gpu()
    {
        KernelRegistry.AddProvider<GpuKernelProvider>();
        Device = new(Name);
        Simulator = new(SimulatorName);
    }

    /// <summary>True for "gpu" and "gpu-sim".</summary>
    public static bool IsGpu(Device device) => device.Backend is Name or SimulatorName;

    /// <summary>Waits until all queued work on the device has finished (reading data back waits already).</summary>
    /// <exception cref="DeviceException">not a gpu device, or not on this machine.</exception>
    public static void Synchronize(Device device) => GpuRuntime.For(device.Backend).Synchronize();

    /// <summary>Counters of the device since the process started: host waits, kernels compiled, the caching allocator.</summary>
    /// <exception cref="DeviceException">not a gpu device, or not on this machine.</exception>
    public static GpuStatistics Statistics(Device device)
    {
        var runtime = GpuRuntime.For(device.Backend);
        var pool = runtime.Pool.Counters;
        return new GpuStatistics(runtime.Synchronizations, runtime.KernelsLoaded, pool.Allocations, pool.Reuses, pool.Live, pool.Cached, pool.Peak);
    }
}

/// <summary>A gpu device's counters (see <see cref="Gpu.Statistics"/>).</summary>
/// <param name="Synchronizations">Times the host waited for the device (reads back and explicit synchronisations).</param>
/// <param name="KernelsCompiled">Kernels compiled and loaded, each once.</param>
/// <param name="DeviceAllocations">Blocks the caching allocator took from the device.</param>
/// <param name="PoolReuses">Allocations served from the allocator's cache.</param>
/// <param name="LiveBytes">Bytes held by live storages.</param>
/// <param name="CachedBytes">Bytes cached for reuse.</param>
/// <param name="PeakLiveBytes">The most bytes held by storages at once.</param>
public sealed record GpuStatistics(long Synchronizations, int KernelsCompiled, long DeviceAllocations, long PoolReuses, long LiveBytes, long CachedBytes, long PeakLiveBytes);
