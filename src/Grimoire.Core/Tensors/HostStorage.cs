using System.Runtime.InteropServices;

namespace Grimoire;

/// <summary>Host memory, 64-byte aligned so AVX-512 loads never split a cache line, and outside the GC
/// heap so kernels and native code take pointers without pinning. Large blocks come from and go back to
/// <see cref="HostMemoryPool.Shared"/>.</summary>
public sealed unsafe class HostStorage : Storage
{
    private void* _data;
    private readonly nuint _blockSize;

    /// <paramref name="length"/> elements of <paramref name="dtype"/>, zeroed or left uninitialised (poisoned under
    /// <see cref="UninitializedMemory.Poison"/>). Owned by the tensors that view it; released when the last one is disposed.
    public HostStorage(DType dtype, int length, bool zeroed = true) : base(Device.Cpu, dtype, length)
    {
        var bytes = (nuint)Math.Max(1, length) * (nuint)dtype.SizeInBytes();
        (var block, _blockSize) = HostMemoryPool.Shared.Rent(bytes);
        _data = (void*)block;
        if (zeroed) NativeMemory.Clear(_data, bytes);
        else if (UninitializedMemory.Poison) NativeMemory.Fill(_data, bytes, UninitializedMemory.PoisonByte);
    }

    /// <summary>Returns the memory of a storage nobody disposed.</summary>
    ~HostStorage() => ReleaseFromFinalizer();

    /// <summary>The first element, for kernels and device backends: only inside a kernel call or device copy (see
    /// <see cref="HostAccess"/>).</summary>
    /// <exception cref="HostAccessException">called outside a kernel call or device copy.</exception>
    public void* Pointer
    {
        get
        {
            HostAccess.ThrowIfOutside("HostStorage.Pointer");
            return _data != null ? _data : throw new DisposedTensorException("host storage was already released");
        }
    }

    /// <summary>Every element as a span; as <see cref="Pointer"/>.</summary>
    public Span<T> AsSpan<T>() where T : unmanaged
    {
        if (DTypeExtensions.Of<T>() != DType) throw new DTypeException($"storage holds {DType.Name()}, not {typeof(T).Name}");
        return new Span<T>(Pointer, Length);
    }

    /// <inheritdoc/>
    protected override void Free()
    {
        if (_data == null) return;
        HostMemoryPool.Shared.Return((nint)_data, _blockSize);
        _data = null;
    }
}
