using System.Text;
using ILGPU.Runtime;
using ILGPU.Runtime.Cuda;
using ILGPU.Runtime.OpenCL;

namespace Grimoire.Gpu;

/// <summary>What the gpu devices are on this machine, for <c>grimoire info</c>, banners and reports.</summary>
public static class GpuInfo
{
    /// <summary>The accelerator behind <paramref name="device"/> ("gpu" or "gpu-sim"), opening it on first use.</summary>
    /// <exception cref="DeviceUnavailableException">the device is not on this machine.</exception>
    public static GpuDeviceInfo Of(Device device)
    {
        var accelerator = GpuRuntime.For(device.Backend).Accelerator;
        var (capability, driver, fp32, bandwidth) = accelerator switch
        {
            CudaAccelerator cuda => Cuda(cuda),
            CLAccelerator cl => (null, cl.CLStdVersion.ToString(), null, null),
            _ => ((string?)null, (string?)null, (double?)null, (double?)null),
        };
        var kind = accelerator.AcceleratorType switch { AcceleratorType.Cuda => "CUDA", AcceleratorType.OpenCL => "OpenCL", _ => "CPU simulator" };
        var memory = accelerator.AcceleratorType == AcceleratorType.CPU ? (long?)null : accelerator.MemorySize;
        return new GpuDeviceInfo(device.Backend, kind, accelerator.Name, memory, accelerator.NumMultiprocessors, accelerator.MaxNumThreadsPerGroup, accelerator.WarpSize,
            capability, driver, fp32, bandwidth);
    }

    /// <summary>The device's info, or null with the reason it is not here (never throws for a missing device).</summary>
    public static GpuDeviceInfo? TryOf(Device device, out string? unavailable)
    {
        unavailable = GpuRuntime.UnavailableReason(device.Backend);
        return unavailable is null ? Of(device) : null;
    }

    /// <summary>One line per gpu device: what it is, or why it is not here.</summary>
    public static string Describe()
    {
        var text = new StringBuilder();
        foreach (var device in new[] { Gpu.Device, Gpu.Simulator })
        {
            var info = TryOf(device, out var why);
            text.AppendLine(info is null ? $"{device,-8} unavailable: {why}" : $"{device,-8} {info.Summary}");
        }
        text.Append($"{AcceleratorSelector.EnvironmentVariable}=cuda|opencl picks the gpu device's kind; {Gpu.SimulatorName} is only ever used when asked for");
        return text.ToString();
    }

    private static (string?, string?, double?, double?) Cuda(CudaAccelerator cuda)
    {
        var arch = cuda.Architecture;
        // FP32 lanes per multiprocessor: 64 on compute capability 6.0, 7.x and 8.0, 128 on 6.1/6.2, 8.6-8.9, 9.x and later.
        int? lanes = arch is { } a ? a.Major >= 9 || (a.Major == 8 && a.Minor > 0) || (a.Major == 6 && a.Minor > 0) ? 128 : a.Major >= 6 ? 64 : null : null;
        double? fp32 = lanes is { } l ? 2.0 * l * cuda.NumMultiprocessors * cuda.ClockRate * 1e3 / 1e9 : null;
        double? bandwidth = cuda.MemoryClockRate > 0 && cuda.MemoryBusWidth > 0 ? 2.0 * cuda.MemoryClockRate * 1e3 * cuda.MemoryBusWidth / 8 / 1e9 : null;
        return (arch is { } x ? $"{x.Major}.{x.Minor}" : null, $"CUDA {cuda.DriverVersion.Major}.{cuda.DriverVersion.Minor}", fp32, bandwidth);
    }
}
