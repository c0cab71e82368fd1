namespace Grimoire.Tests.Support;

/// <summary>How a generated input is laid out in memory, so kernels see strided operands too.</summary>
public enum Layout
{
    Contiguous,

    /// <summary>Same logical values, axes stored in reverse order (non-contiguous strides).</summary>
    Permuted,

    /// <summary>Same logical values, every other element of a twice-as-long buffer.</summary>
    Strided,
}

/// <summary>A generated input: logical shape, row-major values, dtype and memory layout.</summary>
public sealed record TensorSpec(Shape Shape, double[] Values, DType DType, Layout Layout = Layout.Contiguous)
{
    public Tensor Build(bool requiresGrad = false)
    {
        var t = Layout switch
        {
            Layout.Permuted when Shape.Rank >= 2 => BuildPermuted(),
            Layout.Strided when Shape.Size > 0 => BuildStrided(),
            _ => FromValues(Values, Shape, DType),
        };
        if (requiresGrad) t.RequiresGrad = true;
        return t;
    }

    public TensorSpec With(DType dtype) => this with { DType = dtype };

    public static Tensor FromValues(double[] values, Shape shape, DType dtype) => dtype switch
    {
        DType.Float32 => Tensor.FromArray(values.Select(v => (float)v).ToArray(), shape),
        DType.Float64 => Tensor.FromArray(values, shape),
        _ => Tensor.FromArray(values.Select(v => (int)v).ToArray(), shape),
    };

    private Tensor BuildPermuted()
    {
        var reverse = Enumerable.Range(0, Shape.Rank).Reverse().ToArray();
        using var t = FromValues(Values, Shape, DType);
        using var stored = t.Permute(reverse).Contiguous(copy: true);
        return stored.Permute(reverse);
    }

    private Tensor BuildStrided()
    {
        var doubled = new double[Values.Length * 2];
        for (var i = 0; i < Values.Length; i++) doubled[2 * i] = Values[i];
        using var flat = FromValues(doubled, new Shape(doubled.Length), DType);
        using var every = flat.Slice(0, 0, doubled.Length, 2);
        return every.Reshape(Shape.ToArray());
    }

    public override string ToString() => $"{DType.Name()}{Shape}{(Layout == Layout.Contiguous ? "" : " " + Layout.ToString().ToLowerInvariant())}";
}
