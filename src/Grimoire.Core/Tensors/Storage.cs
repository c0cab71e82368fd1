namespace Grimoire;

/// <summary>A block of elements on one device, shared by every view of it and released when the last
/// view is disposed (reference counted). Backends subclass it for their own memory.</summary>
public abstract class Storage
{
    private static long s_live;
    private int _refs = 1;

    /// <summary>Counts the storage as live (see <see cref="LiveCount"/>) with one reference, held by the tensor created over it.</summary>
    /// <exception cref="ArgumentOutOfRangeException">a negative length.</exception>
    protected Storage(Device device, DType dtype, int length)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        Device = device;
        DType = dtype;
        Length = length;
        Interlocked.Increment(ref s_live);
    }

    /// <summary>Storages allocated and not yet released, over all devices: tests assert it to catch leaks.</summary>
    public static long LiveCount => Interlocked.Read(ref s_live);

    /// <summary>The device whose memory holds the elements.</summary>
    public Device Device { get; }

    /// <summary>The element type.</summary>
    public DType DType { get; }

    /// <summary>Number of elements.</summary>
    public int Length { get; }

    /// <summary>True once the last reference is gone and the memory freed.</summary>
    public bool IsReleased => Volatile.Read(ref _refs) <= 0;

    internal void Retain()
    {
        if (Interlocked.Increment(ref _refs) <= 1) throw new DisposedTensorException("storage was already released");
    }

    internal void Release()
    {
        if (Interlocked.Decrement(ref _refs) == 0)
        {
            Free();
            Interlocked.Decrement(ref s_live);
            GC.SuppressFinalize(this);
        }
    }

    /// <summary>Safety net for storages never disposed: frees the memory when the GC finds them.</summary>
    protected void ReleaseFromFinalizer()
    {
        if (Interlocked.Exchange(ref _refs, 0) > 0)
        {
            Free();
            Interlocked.Decrement(ref s_live);
        }
    }

    /// <summary>Returns the memory to its device; called exactly once.</summary>
    protected abstract void Free();
}
