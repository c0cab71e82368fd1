using ILGPU;
using ILGPU.Runtime;

namespace Grimoire.Gpu;

/// <summary>Accelerator memory for one tensor storage; released deterministically when its last view is disposed.</summary>
public sealed class GpuStorage : Storage
{
    private MemoryBuffer? _buffer;

    internal GpuStorage(Device device, DType dtype, int length) : base(device, dtype, length)
    {
        var accelerator = GpuRuntime.Instance.Accelerator;
        // ILGPU rejects empty buffers; an empty storage still holds one element nobody reads.
        var extent = Math.Max(1, length);
        _buffer = dtype switch
        {
            DType.Float32 => Zeroed<float>(accelerator, extent),
            DType.Float64 => Zeroed<double>(accelerator, extent),
            _ => Zeroed<int>(accelerator, extent),
        };
    }

    private static MemoryBuffer Zeroed<T>(Accelerator accelerator, int extent) where T : unmanaged
    {
        var buffer = accelerator.Allocate1D<T>(extent);
        buffer.MemSetToZero();
        return buffer;
    }

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

    protected override void Free()
    {
        if (Interlocked.Exchange(ref _buffer, null) is { } buffer) GpuRuntime.Instance.Free(buffer);
    }
}
