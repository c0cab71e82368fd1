namespace Grimoire;

public sealed partial class Tensor
{
    /// <summary>A tensor of zeros on <paramref name="device"/> (the host when null).</summary>
    public static Tensor Zeros(Shape shape, DType dtype = DType.Float32, Device? device = null) =>
        Allocate(shape, dtype, device ?? Device.Cpu);

    /// <summary>A tensor of ones on <paramref name="device"/> (the host when null).</summary>
    public static Tensor Ones(Shape shape, DType dtype = DType.Float32, Device? device = null) => Full(shape, 1, dtype, device);

    /// <summary>A tensor with every element <paramref name="value"/> (converted to <paramref name="dtype"/>) on
    /// <paramref name="device"/> (the host when null).</summary>
    public static Tensor Full(Shape shape, double value, DType dtype = DType.Float32, Device? device = null) =>
        FromHost(shape, dtype, device, host => FillHost(host, value));

    /// <summary>A rank-0 tensor holding <paramref name="value"/>.</summary>
    public static Tensor Scalar(double value, DType dtype = DType.Float32, Device? device = null) => Full(Shape.Scalar, value, dtype, device);

    /// <summary>start, start+step, … below stop (NumPy's arange).</summary>
    public static Tensor Arange(double start, double stop, double step = 1, DType dtype = DType.Float32, Device? device = null)
    {
        if (step == 0 || !double.IsFinite(step)) throw new ArgumentException($"arange step must be finite and non-zero, got {step}", nameof(step));
        if (!double.IsFinite(start) || !double.IsFinite(stop)) throw new ArgumentException($"arange bounds must be finite, got [{start}, {stop})");
        var count = Math.Max(0, (long)Math.Ceiling((stop - start) / step));
        if (count > int.MaxValue) throw new ShapeException($"arange({start}, {stop}, {step}) has more than {int.MaxValue} elements");
        return FromHost(new Shape((int)count), dtype, device, host =>
        {
            for (var i = 0; i < count; i++) SetHost(host, i, start + i * step);
        });
    }

    /// <summary>0, 1, …, <paramref name="count"/> − 1 as a 1-D tensor.</summary>
    public static Tensor Arange(int count, DType dtype = DType.Float32, Device? device = null) => Arange(0, count, 1, dtype, device);

    /// <summary>A float32 tensor holding a copy of <paramref name="data"/>; as <see cref="FromSpan{T}"/>.</summary>
    public static Tensor FromArray(float[] data, Shape? shape = null, Device? device = null) => FromSpan<float>(data, shape, device);

    /// <summary>A float64 tensor holding a copy of <paramref name="data"/>; as <see cref="FromSpan{T}"/>.</summary>
    public static Tensor FromArray(double[] data, Shape? shape = null, Device? device = null) => FromSpan<double>(data, shape, device);

    /// <summary>An int32 tensor holding a copy of <paramref name="data"/>; as <see cref="FromSpan{T}"/>.</summary>
    public static Tensor FromArray(int[] data, Shape? shape = null, Device? device = null) => FromSpan<int>(data, shape, device);

    /// <summary>A tensor holding a copy of <paramref name="data"/> in row-major order (1-D when no shape is given).</summary>
    public static Tensor FromSpan<T>(ReadOnlySpan<T> data, Shape? shape = null, Device? device = null) where T : unmanaged
    {
        var s = shape ?? new Shape(data.Length);
        if (s.Size != data.Length) throw new ShapeException($"{data.Length} values cannot fill shape {s} ({s.Size} elements)");
        var dtype = DTypeExtensions.Of<T>();
        var host = new HostStorage(dtype, data.Length, zeroed: false);
        using (HostAccess.Enter()) data.CopyTo(host.AsSpan<T>());
        return OnDevice(host, s, device ?? Device.Cpu);
    }

    /// <summary>Samples from N(<paramref name="mean"/>, <paramref name="std"/>²).</summary>
    public static Tensor RandN(Shape shape, double mean = 0, double std = 1, Rng? rng = null, DType dtype = DType.Float32, Device? device = null)
    {
        var r = rng ?? Rng.Default;
        return FromHost(shape, dtype, device, host =>
        {
            for (var i = 0; i < host.Length; i++) SetHost(host, i, mean + std * r.NextNormal());
        });
    }

    /// <summary>Samples uniformly from [<paramref name="low"/>, <paramref name="high"/>).</summary>
    public static Tensor RandU(Shape shape, double low = 0, double high = 1, Rng? rng = null, DType dtype = DType.Float32, Device? device = null)
    {
        if (!(high >= low)) throw new ArgumentException($"uniform range needs low <= high, got [{low}, {high})");
        var r = rng ?? Rng.Default;
        return FromHost(shape, dtype, device, host =>
        {
            for (var i = 0; i < host.Length; i++) SetHost(host, i, low + (high - low) * r.NextDouble());
        });
    }

    /// <summary>A copy of the elements in row-major order, on the host.</summary>
    public T[] ToArray<T>() where T : unmanaged
    {
        if (DTypeExtensions.Of<T>() != DType) throw new DTypeException($"tensor holds {DType.Name()}; read it as that type or cast with To(dtype)");
        using var host = To(Device.Cpu); // contiguous: a view when already on the host and contiguous, else a copy
        using (HostAccess.Enter()) return host.HostSpan<T>().ToArray();
    }

    /// <summary>The elements converted to double, whatever the dtype (for checks and printing).</summary>
    public double[] ToDoubleArray()
    {
        using var host = To(Device.Cpu); // contiguous: a view when already on the host and contiguous, else a copy
        using var access = HostAccess.Enter();
        if (DType == DType.Float64) return host.HostSpan<double>().ToArray();
        var result = new double[Size];
        for (var i = 0; i < result.Length; i++) result[i] = GetHost(host, i);
        return result;
    }

    /// <summary>The single element of a one-element tensor.</summary>
    public double Item()
    {
        if (Size != 1) throw new ShapeException($"Item() needs a one-element tensor, got shape {Shape}");
        return ToDoubleArray()[0];
    }

    private static Tensor FromHost(Shape shape, DType dtype, Device? device, Action<HostStorage> fill)
    {
        var host = new HostStorage(dtype, shape.Size, zeroed: false);
        using (HostAccess.Enter()) fill(host);
        return OnDevice(host, shape, device ?? Device.Cpu);
    }

    /// <summary>Wraps host storage as a tensor on <paramref name="device"/>, uploading when it is not the host.</summary>
    private static Tensor OnDevice(HostStorage host, Shape shape, Device device)
    {
        if (device.IsCpu) return new Tensor(host, shape, shape.ContiguousStrides(), 0, retain: false);
        try
        {
            var t = AllocateUninitialized(shape, host.DType, device);
            using (HostAccess.Enter()) DeviceBackends.Get(device).CopyFromHost(host, t.Storage);
            return t;
        }
        finally
        {
            host.Release();
        }
    }

    private static void FillHost(HostStorage host, double value)
    {
        switch (host.DType)
        {
            case DType.Float32: host.AsSpan<float>().Fill((float)value); break;
            case DType.Float64: host.AsSpan<double>().Fill(value); break;
            default: host.AsSpan<int>().Fill(ToInt32(value)); break;
        }
    }

    private static void SetHost(HostStorage host, int i, double value)
    {
        switch (host.DType)
        {
            case DType.Float32: host.AsSpan<float>()[i] = (float)value; break;
            case DType.Float64: host.AsSpan<double>()[i] = value; break;
            default: host.AsSpan<int>()[i] = ToInt32(value); break;
        }
    }

    /// <summary>A value truncated toward zero for an int32 tensor, as a cast would.</summary>
    /// <exception cref="ArgumentOutOfRangeException">NaN, or outside the int32 range.</exception>
    private static int ToInt32(double value) =>
        value is > int.MinValue - 1.0 and < int.MaxValue + 1.0 ? (int)value
        : throw new ArgumentOutOfRangeException(nameof(value), value, $"{value} does not fit an i32 tensor (range {int.MinValue} to {int.MaxValue})");

    private static double GetHost(Tensor t, int i) => t.DType switch
    {
        DType.Float32 => t.HostSpan<float>()[i],
        DType.Float64 => t.HostSpan<double>()[i],
        _ => t.HostSpan<int>()[i],
    };
}
