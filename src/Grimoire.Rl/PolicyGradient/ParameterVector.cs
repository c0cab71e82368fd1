using Grimoire.Autograd;
using Grimoire.Nn;

namespace Grimoire.Rl.PolicyGradient;

/// <summary>Parameters or their gradients as one flat vector of doubles, in parameter order, for the natural gradient's
/// linear algebra (conjugate gradient, line search).</summary>
public static class ParameterVector
{
    /// <summary>The parameters' current values, concatenated.</summary>
    public static double[] Get(IReadOnlyList<Parameter> parameters) => Flatten(parameters, parameters.Select(p => (Tensor?)p.Value).ToArray());

    /// <summary>Tensors shaped like <paramref name="parameters"/> concatenated (a null entry counts as zeros).</summary>
    /// <exception cref="ArgumentException">not one tensor per parameter.</exception>
    public static double[] Flatten(IReadOnlyList<Parameter> parameters, IReadOnlyList<Tensor?> tensors)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentNullException.ThrowIfNull(tensors);
        if (tensors.Count != parameters.Count) throw new ArgumentException($"{tensors.Count} tensors for {parameters.Count} parameters", nameof(tensors));
        var flat = new double[parameters.Sum(p => (long)p.Size)];
        var offset = 0;
        for (var i = 0; i < parameters.Count; i++)
        {
            if (tensors[i] is { } t)
            {
                using var scope = new TensorScope();
                t.To(DType.Float64).ToArray<double>().CopyTo(flat, offset);
            }
            offset += parameters[i].Size;
        }
        return flat;
    }

    /// <summary>Writes <paramref name="values"/> into the parameters, in place.</summary>
    /// <exception cref="ArgumentException">not one value per parameter element.</exception>
    public static void Set(IReadOnlyList<Parameter> parameters, ReadOnlySpan<double> values)
    {
        using var noGrad = GradMode.NoGrad();
        using var scope = new TensorScope();
        foreach (var (p, t) in parameters.Zip(Split(parameters, values))) t.To(p.Value.DType).CopyTo(p.Value);
    }

    /// <summary>One float64 tensor per parameter, shaped like it, cut from <paramref name="values"/> (the caller's scope owns them).</summary>
    /// <exception cref="ArgumentException">not one value per parameter element.</exception>
    public static Tensor[] Split(IReadOnlyList<Parameter> parameters, ReadOnlySpan<double> values)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        var total = parameters.Sum(p => (long)p.Size);
        if (values.Length != total) throw new ArgumentException($"{values.Length} values for {total} parameter elements", nameof(values));
        var tensors = new Tensor[parameters.Count];
        var offset = 0;
        for (var i = 0; i < parameters.Count; i++)
        {
            tensors[i] = Tensor.FromSpan(values.Slice(offset, parameters[i].Size), parameters[i].Shape);
            offset += parameters[i].Size;
        }
        return tensors;
    }
}
