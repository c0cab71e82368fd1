using ILGPU;
using ILGPU.Runtime;

namespace Grimoire.Gpu;

/// <summary>The "gpu" device backend: allocates <see cref="GpuStorage"/> and moves bytes to and from the host.</summary>
internal sealed class GpuBackend : IDeviceBackend
{
    public string Name => Gpu.Name;

    public Storage Allocate(Device device, DType dtype, int length) => new GpuStorage(device, dtype, length);

    public unsafe void CopyFromHost(HostStorage source, Storage destination)
    {
        var bytes = (long)source.Length * source.DType.SizeInBytes();
        if (bytes == 0) return;
        ((GpuStorage)destination).Bytes(0, source.Length).CopyFromCPU(ref *(byte*)source.Pointer, bytes);
    }

    public unsafe void CopyToHost(Storage source, int offset, HostStorage destination)
    {
        var bytes = (long)destination.Length * destination.DType.SizeInBytes();
        if (bytes == 0) return;
        ((GpuStorage)source).Bytes(offset, destination.Length).CopyToCPU(ref *(byte*)destination.Pointer, bytes);
    }
}
