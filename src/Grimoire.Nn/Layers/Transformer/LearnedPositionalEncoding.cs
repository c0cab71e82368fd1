namespace Grimoire.Nn.Layers;

/// <summary>One trained vector per position, GPT-2's <c>wpe</c>: a [maxLength, dim] parameter drawn from N(0, 0.02²).</summary>
public sealed class LearnedPositionalEncoding : PositionalEncoding
{
    /// <summary>Vectors for <paramref name="maxLength"/> positions of <paramref name="dim"/> features.</summary>
    public LearnedPositionalEncoding(int maxLength, int dim, Rng? rng = null, DType dtype = DType.Float32) : base(maxLength, dim) =>
        Weight = new Parameter("weight", Tensor.RandN(new Shape(maxLength, dim), 0, NormalInit.Std, rng, dtype));

    /// <summary>[maxLength, dim], row p the vector of position p.</summary>
    public Parameter Weight { get; }

    /// <inheritdoc/>
    protected override Tensor Table => Weight.Value;

    /// <inheritdoc/>
    protected override IEnumerable<Parameter> OwnParameters => [Weight];
}
