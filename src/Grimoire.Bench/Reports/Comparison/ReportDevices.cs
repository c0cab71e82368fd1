using Grimoire.Gpu;

namespace Grimoire.Bench.Reports.Comparison;

/// <summary>Which of the asked-for devices are on this machine, what they are, and how to time work on them.</summary>
public static class ReportDevices
{
    /// <summary>The device and its description, or (null, a "not measured" description) when it is not here. The host's
    /// ceilings are the measured ones at its most threads; a GPU's are nominal (from its clocks and units), where known.</summary>
    public static (Device? Device, DeviceInfo Info) Probe(string name, IReadOnlyList<Ceiling> ceilings)
    {
        if (name == "cpu")
        {
            var most = ceilings.MaxBy(c => c.Threads)!;
            return (Device.Cpu, new DeviceInfo("cpu", true, $"{MachineDescription.CpuModel()}, {Environment.ProcessorCount} logical processors", null, null, null,
                most.FmaGflops, most.TriadGigabytesPerSecond, $"measured (FMA loop and STREAM triad, {most.Threads} threads)", null));
        }
        // "gpu" is a real accelerator only (CUDA, else OpenCL); "gpu-sim", ILGPU's CPU simulator, is only ever measured when named.
        var device = name == Gpu.Gpu.SimulatorName ? Gpu.Gpu.Simulator : Gpu.Gpu.Device;
        if (GpuInfo.TryOf(device, out var why) is not { } gpu) return (null, DeviceInfo.Missing(name, why!));
        var source = gpu.NominalFp32Gflops is null && gpu.NominalBandwidthGBs is null ? "not known for this device"
            : "nominal (clock × multiprocessors × FP32 lanes; memory clock × bus width), not measured";
        var what = gpu.Kind == "CPU simulator" ? $"{gpu.Summary} (ILGPU's CPU simulator: its figures say nothing about a GPU)" : gpu.Summary;
        return (device, new DeviceInfo(name, true, what, gpu.MemoryBytes, gpu.ComputeCapability, gpu.Driver, gpu.NominalFp32Gflops, gpu.NominalBandwidthGBs, source, null));
    }

    /// <summary>Median and spread of <paramref name="run"/> on <paramref name="device"/>; each sample waits for the work the
    /// device queued (<see cref="DeviceTiming"/>), so it covers the kernels, not just their launches.</summary>
    public static Timing Measure(Device device, Action run, TimeSpan warmup, int runs, int warmups = 2) =>
        DeviceTiming.Measure(device, run, warmups, runs, warmup);
}
