namespace Grimoire;

/// <summary>Allocates and moves storage for one backend's devices. The host backend is built in; device
/// backends (GPU) register themselves so Core never names them.</summary>
public interface IDeviceBackend
{
    string Name { get; }

    /// <summary>Zeroed storage of <paramref name="length"/> elements.</summary>
    Storage Allocate(Device device, DType dtype, int length);

    void CopyFromHost(HostStorage source, Storage destination);

    void CopyToHost(Storage source, HostStorage destination);
}

public static class DeviceBackends
{
    private static readonly Dictionary<string, IDeviceBackend> s_backends = new() { ["cpu"] = new HostBackend() };
    private static readonly Lock s_lock = new();

    public static void Register(IDeviceBackend backend)
    {
        lock (s_lock) s_backends[backend.Name] = backend;
    }

    public static IDeviceBackend Get(Device device)
    {
        lock (s_lock)
        {
            return s_backends.TryGetValue(device.Backend, out var b)
                ? b
                : throw new DeviceException($"no backend is registered for device '{device}' (known: {string.Join(", ", s_backends.Keys)})");
        }
    }

    private sealed class HostBackend : IDeviceBackend
    {
        public string Name => "cpu";

        public Storage Allocate(Device device, DType dtype, int length) => new HostStorage(dtype, length);

        public void CopyFromHost(HostStorage source, Storage destination) => Copy(source, (HostStorage)destination);

        public void CopyToHost(Storage source, HostStorage destination) => Copy((HostStorage)source, destination);

        private static unsafe void Copy(HostStorage from, HostStorage to) =>
            Buffer.MemoryCopy(from.Pointer, to.Pointer, (long)to.Length * to.DType.SizeInBytes(), (long)from.Length * from.DType.SizeInBytes());
    }
}
