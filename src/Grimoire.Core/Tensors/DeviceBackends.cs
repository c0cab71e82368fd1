namespace Grimoire;

/// <summary>Allocates and moves storage for one backend's devices. The host backend is built in; device
/// backends (GPU) register themselves so Core never names them.</summary>
public interface IDeviceBackend
{
    /// <summary>The <see cref="Device.Backend"/> name this backend serves, e.g. "gpu".</summary>
    string Name { get; }

    /// <summary>Storage of <paramref name="length"/> elements, zeroed when asked, else uninitialised (or poisoned,
    /// see <see cref="UninitializedMemory"/>).</summary>
    Storage Allocate(Device device, DType dtype, int length, bool zeroed);

    /// <summary>Copies all of <paramref name="source"/> into <paramref name="destination"/>, which has the same length and dtype.</summary>
    void CopyFromHost(HostStorage source, Storage destination);

    /// <summary>Copies destination.Length elements starting at element <paramref name="offset"/> of <paramref name="source"/>.
    /// Waits for the work queued before it, so the host sees its results.</summary>
    void CopyToHost(Storage source, int offset, HostStorage destination);

    /// <summary>Waits until every kernel and copy queued on <paramref name="device"/> has finished (for timing; reading
    /// data back already waits). Host kernels run synchronously, so the default does nothing.</summary>
    void Synchronize(Device device)
    {
    }

    /// <summary>Queues a check that every int32 of <paramref name="indices"/> (on this backend's device) lies in [0,
    /// <paramref name="bound"/>), so the host need not read indices back before each gather or loss; false (the default)
    /// makes the caller read them back and check on the host. A backend that checks on the device reports a bad index as a
    /// <see cref="ShapeException"/> naming <paramref name="op"/> at the next read back or synchronisation, and its kernels
    /// must never touch memory through an unchecked index meanwhile.</summary>
    bool TryCheckIndices(string op, Tensor indices, int bound) => false;

    /// <summary>What <paramref name="device"/> really is, for banners and reports (e.g. "gpu (CUDA: NVIDIA H200)").</summary>
    string Describe(Device device) => device.ToString();
}

/// <summary>The device backends known to this process, by name; "cpu" is always there. Thread-safe.</summary>
public static class DeviceBackends
{
    private static readonly Dictionary<string, IDeviceBackend> s_backends = new() { ["cpu"] = new HostBackend() };
    private static readonly Lock s_lock = new();

    /// <summary>Adds <paramref name="backend"/>, replacing any registered under the same name.</summary>
    public static void Register(IDeviceBackend backend)
    {
        lock (s_lock) s_backends[backend.Name] = backend;
    }

    /// <summary>The backend that owns <paramref name="device"/>'s memory, loading the default kernel providers first if needed.</summary>
    /// <exception cref="DeviceException">no backend is registered for the device's backend name.</exception>
    public static IDeviceBackend Get(Device device)
    {
        if (Find(device) is { } backend) return backend;
        // Device backends register from their kernel provider, so load the default ones before giving up.
        Kernels.KernelProviders.EnsureDefaults();
        return Find(device) ?? throw new DeviceException($"no backend is registered for device '{device}' (known: {string.Join(", ", Names())}); " +
            "a device backend joins with its kernel provider (KernelRegistry.AddProvider; for the gpu device, using Gpu.Device is enough)");
    }

    /// <summary>Waits for the work queued on <paramref name="device"/> (see <see cref="IDeviceBackend.Synchronize"/>).</summary>
    public static void Synchronize(Device device) => Get(device).Synchronize(device);

    /// <summary>The device actually behind <paramref name="device"/>, for banners and reports (see <see cref="IDeviceBackend.Describe"/>).</summary>
    public static string Describe(Device device) => Get(device).Describe(device);

    private static IDeviceBackend? Find(Device device)
    {
        lock (s_lock) return s_backends.GetValueOrDefault(device.Backend);
    }

    private static List<string> Names()
    {
        lock (s_lock) return [.. s_backends.Keys];
    }

    private sealed class HostBackend : IDeviceBackend
    {
        public string Name => "cpu";

        public Storage Allocate(Device device, DType dtype, int length, bool zeroed) => new HostStorage(dtype, length, zeroed);

        public void CopyFromHost(HostStorage source, Storage destination) => Copy(source, 0, (HostStorage)destination);

        public void CopyToHost(Storage source, int offset, HostStorage destination) => Copy((HostStorage)source, offset, destination);

        private static unsafe void Copy(HostStorage from, int offset, HostStorage to)
        {
            var size = from.DType.SizeInBytes();
            Buffer.MemoryCopy((byte*)from.Pointer + (long)offset * size, to.Pointer, (long)to.Length * size, (long)Math.Min(to.Length, from.Length - offset) * size);
        }
    }
}
