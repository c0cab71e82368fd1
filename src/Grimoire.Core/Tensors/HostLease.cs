namespace Grimoire;

/// <summary>Read and write access to the elements of a contiguous host tensor, for application code. The lease holds
/// the tensor's storage until it is disposed, so disposing the tensor meanwhile cannot free or recycle the memory
/// under <see cref="Span"/>; after <see cref="Dispose"/>, <see cref="Span"/> throws. As with any span, do not keep a
/// span taken from it past the lease's disposal.</summary>
public sealed unsafe class HostLease<T> : IDisposable where T : unmanaged
{
    private Storage? _storage;
    private readonly T* _first;

    internal HostLease(HostStorage storage, int offset, int length)
    {
        storage.Retain();
        _storage = storage;
        using (HostAccess.Enter()) _first = (T*)storage.Pointer + offset;
        Length = length;
    }

    /// <summary>Number of elements.</summary>
    public int Length { get; }

    /// <summary>The elements in row-major order.</summary>
    /// <exception cref="DisposedTensorException">the lease was disposed.</exception>
    public Span<T> Span => _storage is not null ? new Span<T>(_first, Length) : throw new DisposedTensorException("host lease was disposed");

    /// <summary>Releases the lease's hold on the storage. Idempotent.</summary>
    public void Dispose() => Interlocked.Exchange(ref _storage, null)?.Release();
}
