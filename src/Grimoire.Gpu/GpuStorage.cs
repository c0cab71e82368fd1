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
            DType.Float32 => accelerator.Allocate1D<float>(extent),
            DType.Float64 => accelerator.Allocate1D<double>(extent),
            _ => accelerator.Allocate1D<int>(extent),
        };
        _buffer.AsArrayView<byte>(0, _buffer.LengthInBytes).MemSetToZero();
    }

    ~GpuStorage() => ReleaseFromFinalizer();

    /// <summary>Every element of the storage, typed.</summary>
    internal ArrayView<T> View<T>() where T : unmanaged
    {
        if (DTypeExtensions.Of<T>() != DType) throw new DTypeException($"gpu storage holds {DType.Name()}, not {typeof(T).Name}");
        var buffer = _buffer ?? throw new DisposedTensorException("gpu storage was already released");
        return buffer.AsArrayView<T>(0, Length);
    }

    /// <summary>The bytes of elements [offset, offset + count).</summary>
    internal ArrayView<byte> Bytes(int offset, int count)
    {
        var buffer = _buffer ?? throw new DisposedTensorException("gpu storage was already released");
        var size = DType.SizeInBytes();
        return buffer.AsArrayView<byte>((long)offset * size, (long)count * size);
    }

    protected override void Free() => Interlocked.Exchange(ref _buffer, null)?.Dispose();
}
