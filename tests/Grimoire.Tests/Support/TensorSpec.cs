namespace Grimoire.Tests.Support;

/// <summary>A generated input: logical shape, row-major values, dtype and memory layout (contiguous when none).</summary>
public sealed record TensorSpec(Shape Shape, double[] Values, DType DType, ViewLayout? Layout = null)
{
    public ViewLayout Storage => Layout ?? ViewLayout.Contiguous(Shape.Rank);

    /// <summary>The tensor on <paramref name="device"/> (the host by default), laid out as <see cref="Storage"/> says.</summary>
    public Tensor Build(Device? device = null, bool requiresGrad = false)
    {
        var t = Storage.Build(Shape, Values, DType, device ?? Device.Cpu);
        if (requiresGrad) t.RequiresGrad = true;
        return t;
    }

    public Tensor Build(bool requiresGrad) => Build(null, requiresGrad);

    public TensorSpec With(DType dtype) => this with { DType = dtype };

    /// <summary>Other values in the same layout, made constant along its broadcast axes.</summary>
    public TensorSpec WithValues(double[] values) => this with { Values = Storage.Canonical(Shape, values) };

    public static Tensor FromValues(double[] values, Shape shape, DType dtype) => dtype switch
    {
        DType.Float32 => Tensor.FromArray(values.Select(v => (float)v).ToArray(), shape),
        DType.Float64 => Tensor.FromArray(values, shape),
        _ => Tensor.FromArray(values.Select(v => (int)v).ToArray(), shape),
    };

    public override string ToString() => $"{DType.Name()}{Shape}{(Storage.IsContiguous ? "" : " " + Storage.Describe())}";
}
