using ILGPU;
using ILGPU.Runtime;

namespace Grimoire.Gpu;

/// <summary>Accelerator memory for one tensor storage; released deterministically when its last view is disposed.</summary>
public sealed class GpuStorage : Storage
{
    private MemoryBuffer? _buffer;

    internal GpuStorage(Device device, DType dtype, int length, bool zeroed) : base(device, dtype, length)
    {
        var accelerator = GpuRuntime.Instance.Accelerator;
        // ILGPU rejects empty buffers; an empty storage still holds one element nobody reads.
        var extent = Math.Max(1, length);
        _buffer = dtype switch
        {
            DType.Float32 => Allocate<float>(accelerator, extent, zeroed),
            DType.Float64 => Allocate<double>(accelerator, extent, zeroed),
            _ => Allocate<int>(accelerator, extent, zeroed),
        };
    }

    private static MemoryBuffer Allocate<T>(Accelerator accelerator, int extent, bool zeroed) where T : unmanaged
    {
        var buffer = accelerator.Allocate1D<T>(extent);
        if (zeroed) buffer.MemSetToZero();
        else if (UninitializedMemory.Poison) buffer.MemSet(UninitializedMemory.PoisonByte);
        return buffer;
    }

    /// <summary>Frees the accelerator memory of a storage nobody disposed.</summary>
    ~GpuStorage() => ReleaseFromFinalizer();

    /// <summary>Every element of the storage, typed, with the accelerator current on this thread for the copy or
    /// launch that follows.</summary>
    internal ArrayView<T> View<T>() where T : unmanaged
    {
        if (DTypeExtensions.Of<T>() != DType) throw new DTypeException($"gpu storage holds {DType.Name()}, not {typeof(T).Name}");
        var buffer = _buffer ?? throw new DisposedTensorException("gpu storage was already released");
        GpuRuntime.EnsureCurrent();
        return ((MemoryBuffer1D<T, Stride1D.Dense>)buffer).View;
    }

    /// <inheritdoc/>
    protected override void Free()
    {
        if (Interlocked.Exchange(ref _buffer, null) is { } buffer) GpuRuntime.Instance.Free(buffer);
    }
}
