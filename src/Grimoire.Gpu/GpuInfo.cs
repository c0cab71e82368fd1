using System.Text;

namespace Grimoire.Gpu;

/// <summary>Human-readable account of the accelerators ILGPU finds and the one the "gpu" device uses.</summary>
public static class GpuInfo
{
    /// <summary>One line per accelerator ILGPU finds (type, name, memory, threads per group), marking the one the "gpu" device uses,
    /// or why there is none. Creates the accelerator on first use.</summary>
    public static string Describe()
    {
        if (GpuRuntime.UnavailableReason is { } why) return $"gpu: unavailable ({why})";
        var runtime = GpuRuntime.Instance;
        var text = new StringBuilder();
        foreach (var device in runtime.Context.Devices)
        {
            var chosen = device == runtime.Accelerator.Device ? " <- used by device 'gpu'" : "";
            // The CPU simulator reports long.MaxValue bytes: its memory is the host's.
            var memory = device.AcceleratorType == ILGPU.Runtime.AcceleratorType.CPU ? "host memory" : $"{device.MemorySize / (1 << 20)} MiB";
            text.AppendLine($"{device.AcceleratorType,-6} {device.Name}, {memory}, max {device.MaxNumThreadsPerGroup} threads/group{chosen}");
        }
        text.Append($"override with {AcceleratorSelector.EnvironmentVariable}=cuda|opencl|cpu");
        return text.ToString();
    }
}
