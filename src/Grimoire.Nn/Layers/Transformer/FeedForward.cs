namespace Grimoire.Nn.Layers;

/// <summary>The transformer's position-wise MLP (GPT-2's): Linear(dim, 4·dim) ("c_fc"), exact GELU, Linear(4·dim, dim)
/// ("c_proj"), weights from N(0, 0.02²) (the output one from N(0, <c>outputStd</c>²) when given), zero biases.</summary>
public sealed class FeedForward : Module
{
    /// <summary>An MLP over <paramref name="dim"/> features with a hidden layer of <paramref name="hidden"/> (4·dim by default).</summary>
    /// <exception cref="ArgumentOutOfRangeException">a width below 1.</exception>
    public FeedForward(int dim, int? hidden = null, bool bias = true, double? outputStd = null, Rng? rng = null, DType dtype = DType.Float32)
    {
        var width = hidden ?? 4 * dim;
        Fc = new Linear(dim, width, rng: rng, bias: bias, dtype: dtype);
        Proj = new Linear(width, dim, rng: rng, bias: bias, dtype: dtype);
        NormalInit.Fill(Fc.Weight, NormalInit.Std, rng);
        NormalInit.Fill(Proj.Weight, outputStd ?? NormalInit.Std, rng);
    }

    /// <summary>The expansion [dim, hidden] ("c_fc").</summary>
    public Linear Fc { get; }

    /// <summary>The projection back [hidden, dim] ("c_proj").</summary>
    public Linear Proj { get; }

    /// <inheritdoc/>
    protected override IEnumerable<(string Name, ModuleBase Module)> Children => [("c_fc", Fc), ("c_proj", Proj)];

    /// <summary>[..., dim] to [..., dim].</summary>
    public override Tensor Forward(Tensor input) => Proj.Forward(Fc.Forward(input).Gelu());
}
