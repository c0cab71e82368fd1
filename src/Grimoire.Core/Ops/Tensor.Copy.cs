using Grimoire.Autograd;
using Grimoire.Ops;

namespace Grimoire;

/// <summary>Copies: materialising layouts, dtype casts, device transfers.</summary>
public sealed partial class Tensor
{
    /// <summary>A contiguous tensor with these elements: a new view of the same storage when already
    /// contiguous (unless <paramref name="copy"/>), otherwise a fresh copy.</summary>
    public Tensor Contiguous(bool copy = false) => Contiguous(copy, track: true);

    internal Tensor Contiguous(bool copy, bool track)
    {
        Tensor result;
        if (IsContiguous && !copy)
        {
            result = View(Shape, StrideArray, Offset, track);
        }
        else
        {
            result = AllocateUninitialized(Shape, DType, Device);
            if (!track) TensorScope.Untrack(result);
            Dispatch.Run(OpNames.Copy, result, null, this);
        }
        return track ? Tape.Record(result, "contiguous", [this], g => [g]) : result;
    }

    /// <summary>Writes this tensor's elements into <paramref name="destination"/> (same shape, any layout,
    /// e.g. a slice view, but no broadcast axis: each element must have a place of its own). Source and destination
    /// may share storage. Not recorded for autodiff.</summary>
    public void CopyTo(Tensor destination)
    {
        if (destination.Shape != Shape) throw new ShapeException($"copy of shape {Shape} into shape {destination.Shape}");
        Dispatch.SameDType("copy", this, destination);
        Dispatch.SameDevice("copy", this, destination);
        for (var i = 0; i < destination.Rank && destination.Size > 0; i++)
        {
            if (destination.Strides[i] == 0 && destination.Shape[i] > 1)
                throw new ShapeException($"copy into a broadcast view of shape {destination.Shape}: axis {i} has stride 0, so its {destination.Shape[i]} elements share one place; copy into a Contiguous() tensor instead");
        }
        if (ReferenceEquals(Storage, destination.Storage))
        {
            // Overlapping source and destination: a kernel reading what it has just written would copy wrong values.
            using var staged = Contiguous(copy: true, track: false);
            Dispatch.Run(OpNames.Copy, destination, null, staged);
            return;
        }
        Dispatch.Run(OpNames.Copy, destination, null, this);
    }

    /// <summary>The elements converted to <paramref name="dtype"/> (truncating toward zero into int32).</summary>
    public Tensor To(DType dtype)
    {
        if (!Enum.IsDefined(dtype)) throw new DTypeException($"cast to undefined dtype {(int)dtype}; expected one of {string.Join(", ", Enum.GetValues<DType>().Select(d => d.Name()))}");
        if (dtype == DType) return Contiguous();
        using var src = Contiguous(copy: false, track: false);
        var result = Dispatch.Run(OpNames.Cast, AllocateUninitialized(Shape, dtype, Device), dtype, src);
        var from = DType;
        return dtype.IsFloating() && from.IsFloating()
            ? Tape.Record(result, "cast", [this], g => [g.To(from)])
            : result;
    }

    /// <summary>A copy on <paramref name="device"/> (a view when it is already there).</summary>
    public Tensor To(Device device)
    {
        if (device == Device) return Contiguous();
        using var src = Contiguous(copy: false, track: false);
        var host = new HostStorage(DType, Size, zeroed: false);
        try
        {
            using (HostAccess.Enter())
            {
                if (src.Device.IsCpu) CopyContiguousHost(src, host);
                else DeviceBackends.Get(src.Device).CopyToHost(src.Storage, src.Offset, host);
            }
            var result = OnDevice(host, Shape, device);
            host = null;
            var from = Device;
            return Tape.Record(result, "to_device", [this], g => [g.To(from)]);
        }
        finally
        {
            host?.Release();
        }
    }

    /// <summary>Sums broadcast axes away so the result has <paramref name="shape"/> (the backward of broadcasting).</summary>
    public Tensor SumTo(Shape shape)
    {
        if (shape == Shape) return Contiguous();
        var lead = Rank - shape.Rank;
        if (lead < 0) throw new ShapeException($"cannot sum shape {Shape} down to the higher-rank shape {shape}");
        var axes = new List<int>();
        for (var i = 0; i < Rank; i++)
        {
            if (i < lead || (shape[i - lead] == 1 && Shape[i] != 1)) axes.Add(i);
            else if (shape[i - lead] != Shape[i]) throw new ShapeException($"cannot sum shape {Shape} down to {shape}");
        }
        return Sum([.. axes], keepDims: true).Reshape(shape.ToArray());
    }

    private static unsafe void CopyContiguousHost(Tensor src, HostStorage dst)
    {
        var bytes = (long)src.Size * src.DType.SizeInBytes();
        var from = (byte*)((HostStorage)src.Storage).Pointer + (long)src.Offset * src.DType.SizeInBytes();
        Buffer.MemoryCopy(from, dst.Pointer, bytes, bytes);
    }
}
