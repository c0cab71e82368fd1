using ILGPU;
using ILGPU.Runtime;

namespace Grimoire.Gpu;

/// <summary>Device memory for one tensor storage: a block from the device's caching allocator, returned to it when the
/// last view is disposed.</summary>
public sealed class GpuStorage : Storage
{
    private MemoryBuffer1D<byte, Stride1D.Dense>? _block;

    internal GpuStorage(GpuRuntime runtime, Device device, DType dtype, int length, bool zeroed) : base(device, dtype, length)
    {
        Runtime = runtime;
        // Kernels get views of at least one element (ILGPU rejects empty ones); blocks are never smaller than that.
        var bytes = (long)Math.Max(1, length) * dtype.SizeInBytes();
        _block = runtime.Pool.Rent(bytes);
        var view = _block.View.SubView(0, bytes);
        if (zeroed) view.MemSetToZero(runtime.Stream);
        else if (UninitializedMemory.Poison) view.MemSet(runtime.Stream, UninitializedMemory.PoisonByte);
    }

    /// <summary>The device this storage lives on.</summary>
    internal GpuRuntime Runtime { get; }

    /// <summary>Returns the block of a storage nobody disposed.</summary>
    ~GpuStorage() => ReleaseFromFinalizer();

    /// <summary>Every element of the storage (at least one), typed, with the accelerator current on this thread for the
    /// copy or launch that follows.</summary>
    internal ArrayView<T> View<T>() where T : unmanaged
    {
        if (DTypeExtensions.Of<T>() != DType) throw new DTypeException($"gpu storage holds {DType.Name()}, not {typeof(T).Name}");
        var block = _block ?? throw new DisposedTensorException("gpu storage was already released");
        Runtime.EnsureCurrent();
        return ((ArrayView<byte>)block.View).SubView(0, (long)Math.Max(1, Length) * DType.SizeInBytes()).Cast<T>();
    }

    /// <inheritdoc/>
    protected override void Free()
    {
        if (Interlocked.Exchange(ref _block, null) is { } block) Runtime.Pool.Return(block);
    }
}
