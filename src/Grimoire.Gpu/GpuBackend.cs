using ILGPU;
using ILGPU.Runtime;

namespace Grimoire.Gpu;

/// <summary>The "gpu" device backend: allocates <see cref="GpuStorage"/> and moves bytes to and from the host.</summary>
internal sealed class GpuBackend : IDeviceBackend
{
    public string Name => Gpu.Name;

    public Storage Allocate(Device device, DType dtype, int length, bool zeroed) => new GpuStorage(device, dtype, length, zeroed);

    public void CopyFromHost(HostStorage source, Storage destination)
    {
        if (source.Length == 0) return;
        var device = (GpuStorage)destination;
        switch (source.DType)
        {
            case DType.Float32: device.View<float>().SubView(0, source.Length).CopyFromCPU(source.AsSpan<float>()); break;
            case DType.Float64: device.View<double>().SubView(0, source.Length).CopyFromCPU(source.AsSpan<double>()); break;
            default: device.View<int>().SubView(0, source.Length).CopyFromCPU(source.AsSpan<int>()); break;
        }
    }

    public void CopyToHost(Storage source, int offset, HostStorage destination)
    {
        if (destination.Length == 0) return;
        var device = (GpuStorage)source;
        switch (destination.DType)
        {
            case DType.Float32: device.View<float>().SubView(offset, destination.Length).CopyToCPU(destination.AsSpan<float>()); break;
            case DType.Float64: device.View<double>().SubView(offset, destination.Length).CopyToCPU(destination.AsSpan<double>()); break;
            default: device.View<int>().SubView(offset, destination.Length).CopyToCPU(destination.AsSpan<int>()); break;
        }
    }
}
