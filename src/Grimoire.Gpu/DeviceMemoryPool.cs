using ILGPU;
using ILGPU.Runtime;

namespace Grimoire.Gpu;

/// <summary>Caching device allocator: freed blocks are kept by size class and handed to the next request of that class,
/// so a training step that allocates the same activations every time allocates device memory only in its first step.
/// A device allocation is slow, and freeing CUDA memory waits for the whole device. Large blocks use the host pool's
/// classes (an eighth of an octave apart, <see cref="HostMemoryPool.SizeClass"/>); small ones round up to a power of two
/// of at least 256 bytes. Reuse needs no synchronisation: every kernel and copy runs in order on one stream, so work
/// queued after a block's return runs after the work that used it.</summary>
internal sealed class DeviceMemoryPool
{
    /// <summary>Environment variable: the most memory, in MiB, a device pool keeps cached (0 turns caching off).</summary>
    public const string CapacityVariable = "GRIMOIRE_GPU_POOL_MB";

    private const long SmallestBlock = 256;
    private readonly GpuRuntime _runtime;
    private readonly Dictionary<long, Stack<MemoryBuffer1D<byte, Stride1D.Dense>>> _free = [];
    private readonly Lock _lock = new();
    private long _cachedBytes, _liveBytes, _peakLiveBytes, _allocations, _reuses;

    public DeviceMemoryPool(GpuRuntime runtime)
    {
        _runtime = runtime;
        CapacityBytes = long.TryParse(Environment.GetEnvironmentVariable(CapacityVariable), out var mb) && mb >= 0 ? mb << 20
            // The simulator's memory is the host's (it reports long.MaxValue): cache as much as the host pool does.
            : runtime.Accelerator.AcceleratorType == AcceleratorType.CPU ? HostMemoryPool.Shared.CapacityBytes : runtime.Accelerator.MemorySize / 2;
    }

    /// <summary>The most bytes of free blocks kept for reuse.</summary>
    public long CapacityBytes { get; }

    /// <summary>Bytes held by storages now, bytes cached for reuse, the most held at once, device allocations made and
    /// requests served from the cache.</summary>
    public (long Live, long Cached, long Peak, long Allocations, long Reuses) Counters
    {
        get
        {
            lock (_lock) return (_liveBytes, _cachedBytes, _peakLiveBytes, _allocations, _reuses);
        }
    }

    /// <summary>A block of at least <paramref name="bytes"/> bytes (its length is its size class).</summary>
    /// <exception cref="DeviceException">the device is out of memory even after the cache was freed.</exception>
    public MemoryBuffer1D<byte, Stride1D.Dense> Rent(long bytes)
    {
        var size = SizeClass(bytes);
        lock (_lock)
        {
            _liveBytes += size;
            _peakLiveBytes = Math.Max(_peakLiveBytes, _liveBytes);
            if (_free.TryGetValue(size, out var stack) && stack.TryPop(out var cached))
            {
                _cachedBytes -= size;
                _reuses++;
                return cached;
            }
            _allocations++;
        }
        try
        {
            return Allocate(size);
        }
        catch
        {
            lock (_lock) _liveBytes -= size;
            throw;
        }
    }

    /// <summary>Takes back a block from <see cref="Rent"/>; any thread (finalizers too).</summary>
    public void Return(MemoryBuffer1D<byte, Stride1D.Dense> block)
    {
        lock (_lock)
        {
            _liveBytes -= block.Length;
            if (_cachedBytes + block.Length <= CapacityBytes)
            {
                if (!_free.TryGetValue(block.Length, out var stack)) _free[block.Length] = stack = new();
                stack.Push(block);
                _cachedBytes += block.Length;
                return;
            }
        }
        _runtime.EnsureCurrent();
        block.Dispose();
    }

    /// <summary>Frees every cached block.</summary>
    public void Trim()
    {
        List<MemoryBuffer1D<byte, Stride1D.Dense>> blocks;
        lock (_lock)
        {
            blocks = [.. _free.Values.SelectMany(s => s)];
            _free.Clear();
            _cachedBytes = 0;
        }
        _runtime.EnsureCurrent();
        foreach (var block in blocks) block.Dispose();
    }

    /// <summary>A fresh device block; when the device is full, the cache is freed and the allocation tried once more.</summary>
    private MemoryBuffer1D<byte, Stride1D.Dense> Allocate(long size)
    {
        _runtime.EnsureCurrent();
        try
        {
            return _runtime.Accelerator.Allocate1D<byte>(size);
        }
        catch (Exception first) when (first is not DeviceException)
        {
            Trim();
            try
            {
                return _runtime.Accelerator.Allocate1D<byte>(size);
            }
            catch (Exception e) when (e is not DeviceException)
            {
                throw new DeviceException($"{_runtime.Name}: cannot allocate {size} bytes of device memory ({Counters.Live} in use): {e.Message}");
            }
        }
    }

    /// <summary>A power of two of at least 256 bytes below the host pool's smallest class, its classes above.</summary>
    internal static long SizeClass(long bytes) =>
        bytes < HostMemoryPool.MinPooledBytes ? Math.Max(SmallestBlock, (long)System.Numerics.BitOperations.RoundUpToPowerOf2((ulong)Math.Max(1, bytes)))
            : (long)HostMemoryPool.SizeClass((nuint)bytes);
}
