using System.Runtime.InteropServices;

namespace Grimoire;

/// <summary>Keeps large freed host blocks for reuse. A training step allocates the same big activations every
/// time; without a pool each one is a fresh mmap whose pages fault in on first touch (about 5 ms for 50 MB
/// here), more than many kernels take. Blocks are grouped in size classes an eighth of an octave apart
/// (at most 12.5 % slack); blocks below <see cref="MinPooledBytes"/> (64 KiB) go straight to the C allocator, which
/// already reuses them well.</summary>
public sealed unsafe class HostMemoryPool
{
    /// <summary>The smallest pooled block, 64 KiB: smaller blocks are allocated and freed directly. (The GC is told about
    /// blocks from 1 MiB, a separate threshold.)</summary>
    public const long MinPooledBytes = 64 << 10;

    /// <summary>Environment variable: the most memory, in MiB, the shared pool keeps (0 turns pooling off).</summary>
    public const string CapacityVariable = "GRIMOIRE_HOST_POOL_MB";

    private const int Alignment = 64;
    private readonly Dictionary<nuint, Stack<nint>> _free = [];
    private readonly Lock _lock = new();
    private long _cachedBytes;
    private long _liveBytes;
    private long _peakLiveBytes;

    /// <summary>A pool that keeps at most <paramref name="capacityBytes"/> bytes of free blocks (0 or less: none).</summary>
    public HostMemoryPool(long capacityBytes) => CapacityBytes = Math.Max(0, capacityBytes);

    /// <summary>The pool every host storage uses: a quarter of the memory available to the process, at most
    /// 2 GiB, unless <see cref="CapacityVariable"/> says otherwise.</summary>
    public static HostMemoryPool Shared { get; } = new(DefaultCapacity());

    /// <summary>The most bytes of free blocks kept for reuse; a returned block that would exceed it is freed.</summary>
    public long CapacityBytes { get; }

    /// <summary>Bytes held in free blocks, ready for reuse.</summary>
    public long CachedBytes
    {
        get
        {
            lock (_lock) return _cachedBytes;
        }
    }

    /// <summary>The most bytes rented and not yet returned at any moment since the last <see cref="ResetPeak"/>:
    /// the tensor memory a workload really needs at once (what a training step's peak memory means here).</summary>
    public long PeakLiveBytes => Volatile.Read(ref _peakLiveBytes);

    /// <summary>Starts a new peak measurement from the bytes rented now.</summary>
    public void ResetPeak() => Volatile.Write(ref _peakLiveBytes, Volatile.Read(ref _liveBytes));

    /// <summary>A 64-byte-aligned block of at least <paramref name="bytes"/> bytes and its actual size, which
    /// <see cref="Return"/> needs back.</summary>
    public (nint Block, nuint Size) Rent(nuint bytes)
    {
        var size = SizeClass(bytes);
        var live = Interlocked.Add(ref _liveBytes, (long)size);
        for (var peak = Volatile.Read(ref _peakLiveBytes); live > peak; peak = Volatile.Read(ref _peakLiveBytes))
        {
            if (Interlocked.CompareExchange(ref _peakLiveBytes, live, peak) == peak) break;
        }
        if (size >= MinPooledBytes)
        {
            lock (_lock)
            {
                if (_free.TryGetValue(size, out var stack) && stack.TryPop(out var block))
                {
                    _cachedBytes -= (long)size;
                    return (block, size);
                }
            }
        }
        return (Allocate(size), size);
    }

    /// <summary>Gives back a block from <see cref="Rent"/> with the size it returned; the block must not be used afterwards.
    /// Thread-safe, as <see cref="Rent"/>.</summary>
    public void Return(nint block, nuint size)
    {
        Interlocked.Add(ref _liveBytes, -(long)size);
        if (size >= MinPooledBytes)
        {
            lock (_lock)
            {
                if (_cachedBytes + (long)size <= CapacityBytes)
                {
                    if (!_free.TryGetValue(size, out var stack)) _free[size] = stack = new Stack<nint>();
                    stack.Push(block);
                    _cachedBytes += (long)size;
                    return;
                }
            }
        }
        Free(block, size);
    }

    /// <summary>Frees every cached block (for applications handing memory back after a burst).</summary>
    public void Trim()
    {
        lock (_lock)
        {
            foreach (var (size, blocks) in _free)
            {
                foreach (var block in blocks) Free(block, size);
            }
            _free.Clear();
            _cachedBytes = 0;
        }
    }

    /// <summary>Fresh native memory. The GC is told about large blocks, so tensors that are never disposed get
    /// finalized (returning their blocks) before memory runs out. Only allocation and freeing count, not rent and
    /// return: telling the GC on every rent made it run two full collections per CNN training step.</summary>
    private static nint Allocate(nuint size)
    {
        var block = (nint)NativeMemory.AlignedAlloc(size, Alignment);
        if (size >= PressureBytes) GC.AddMemoryPressure((long)size);
        return block;
    }

    private static void Free(nint block, nuint size)
    {
        NativeMemory.AlignedFree((void*)block);
        if (size >= PressureBytes) GC.RemoveMemoryPressure((long)size);
    }

    private const nuint PressureBytes = 1 << 20;

    /// <summary>Rounds up to the next of eight classes per power of two; sizes below <see cref="MinPooledBytes"/> are left as
    /// they are. Device pools use the same classes for their large blocks.</summary>
    public static nuint SizeClass(nuint bytes)
    {
        if (bytes < MinPooledBytes) return Math.Max(bytes, 1);
        var step = (nuint)1 << (63 - System.Numerics.BitOperations.LeadingZeroCount((ulong)bytes) - 3);
        return (bytes + step - 1) / step * step;
    }

    private static long DefaultCapacity()
    {
        if (long.TryParse(Environment.GetEnvironmentVariable(CapacityVariable), out var mb) && mb >= 0) return mb << 20;
        return Math.Min(2L << 30, GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / 4);
    }
}
