using ILGPU;
using ILGPU.Runtime;

namespace Grimoire.Gpu;

/// <summary>The backend of one gpu device ("gpu" or "gpu-sim"): allocates <see cref="GpuStorage"/> and moves bytes to
/// and from the host on the device's stream. Uploads are queued without waiting (the host copy is staged before the call
/// returns), one-element ones (scalar constants) as a fill kernel; reading back waits for the work queued before it.</summary>
internal sealed class GpuBackend(string name) : IDeviceBackend
{
    public string Name => name;

    public Storage Allocate(Device device, DType dtype, int length, bool zeroed) => new GpuStorage(GpuRuntime.For(name), device, dtype, length, zeroed);

    public void CopyFromHost(HostStorage source, Storage destination)
    {
        if (source.Length == 0) return;
        var device = (GpuStorage)destination;
        if (source.Length == 1)
        {
            Kernels.FillKernels.One(source, device);
            return;
        }
        switch (source.DType)
        {
            case DType.Float32: Upload(device.View<float>(), source.AsSpan<float>(), device.Runtime); break;
            case DType.Float64: Upload(device.View<double>(), source.AsSpan<double>(), device.Runtime); break;
            default: Upload(device.View<int>(), source.AsSpan<int>(), device.Runtime); break;
        }
    }

    public void CopyToHost(Storage source, int offset, HostStorage destination)
    {
        if (destination.Length == 0) return;
        var device = (GpuStorage)source;
        switch (destination.DType)
        {
            case DType.Float32: Download(device.View<float>(), offset, destination.AsSpan<float>(), device.Runtime); break;
            case DType.Float64: Download(device.View<double>(), offset, destination.AsSpan<double>(), device.Runtime); break;
            default: Download(device.View<int>(), offset, destination.AsSpan<int>(), device.Runtime); break;
        }
    }

    public void Synchronize(Device device) => GpuRuntime.For(name).Synchronize();

    public bool TryCheckIndices(string op, Tensor indices, int bound)
    {
        Kernels.IndexKernels.Check(op, indices, bound);
        return true;
    }

    public string Describe(Device device) => $"{name} ({GpuInfo.Of(device).Summary})";

    private static void Upload<T>(ArrayView<T> view, Span<T> host, GpuRuntime runtime) where T : unmanaged =>
        view.SubView(0, host.Length).CopyFromCPUUnsafeAsync(runtime.Stream, ref host[0], host.Length);

    private static void Download<T>(ArrayView<T> view, int offset, Span<T> host, GpuRuntime runtime) where T : unmanaged
    {
        view.SubView(offset, host.Length).CopyToCPUUnsafeAsync(runtime.Stream, ref host[0], host.Length);
        runtime.Synchronize();
    }
}
