using Grimoire.Gpu;

namespace Grimoire.Bench.Reports.Comparison;

/// <summary>Which of the asked-for devices are on this machine, what they are, and how to time work on them.</summary>
public static class ReportDevices
{
    /// <summary>The line GpuInfo marks as the accelerator behind the "gpu" device.</summary>
    private const string UsedByGpu = "<- used by device 'gpu'";

    /// <summary>The device and its description, or (null, a "not measured" description) when it is not here. The host's
    /// ceilings are the measured ones at its most threads.</summary>
    public static (Device? Device, DeviceInfo Info) Probe(string name, IReadOnlyList<Ceiling> ceilings)
    {
        if (name == "cpu")
        {
            var most = ceilings.MaxBy(c => c.Threads)!;
            return (Device.Cpu, new DeviceInfo("cpu", true, $"{MachineDescription.CpuModel()}, {Environment.ProcessorCount} logical processors", null, null, null,
                most.FmaGflops, most.TriadGigabytesPerSecond, $"measured (FMA loop and STREAM triad, {most.Threads} threads)", null));
        }
        // A real accelerator only: ILGPU's CPU simulator is correct but not a GPU, and timing it as one would invent figures.
        var lines = GpuInfo.Describe().Split('\n');
        var used = lines.FirstOrDefault(l => l.Contains(UsedByGpu, StringComparison.Ordinal));
        if (used is null) return (null, DeviceInfo.Missing(name, "no device: " + lines[0].Trim()));
        if (used.StartsWith("CPU", StringComparison.Ordinal)) return (null, DeviceInfo.Missing(name, "no device: ILGPU finds only its CPU simulator"));
        return (Gpu.Gpu.Device, new DeviceInfo(name, true, used.Replace(UsedByGpu, "").Trim(), null, null, null, null, null, "not known for this device", null));
    }

    /// <summary>Median and spread of <paramref name="run"/> on <paramref name="device"/> (each op waits for its device
    /// today, so a sample covers the work itself).</summary>
    public static Timing Measure(Device device, Action run, TimeSpan warmup, int runs, int warmups = 2) =>
        MedianTimer.Measure(run, warmups, runs, warmup);
}
