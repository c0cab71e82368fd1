namespace Grimoire.Nn.Layers;

/// <summary>A pre-LayerNorm transformer decoder block (GPT-2, book §33.3): x + attn(ln₁(x)), then + mlp(ln₂(x)), each branch
/// followed by dropout. Normalising the branch inputs rather than the sums keeps the residual path an identity, which is
/// what lets deep stacks train without warm-up tricks.</summary>
public sealed class TransformerBlock : Module
{
    private readonly Dropout _dropout;

    /// <summary>A block of <paramref name="dim"/> features and <paramref name="heads"/> heads; the two residual projections are
    /// drawn with <paramref name="residualStd"/> (GPT-2 scales them by 1/√(2·layers)).</summary>
    public TransformerBlock(int dim, int heads, bool bias = true, double dropout = 0, double? residualStd = null, Rng? rng = null, DType dtype = DType.Float32)
    {
        Ln1 = new LayerNorm(dim, dtype: dtype, bias: bias);
        Attention = new MultiHeadAttention(dim, heads, bias, residualStd, rng, dtype);
        Ln2 = new LayerNorm(dim, dtype: dtype, bias: bias);
        Mlp = new FeedForward(dim, bias: bias, outputStd: residualStd, rng: rng, dtype: dtype);
        _dropout = new Dropout(dropout, rng ?? Rng.Default);
    }

    /// <summary>The layer norm before attention ("ln_1").</summary>
    public LayerNorm Ln1 { get; }

    /// <summary>Causal self-attention ("attn").</summary>
    public MultiHeadAttention Attention { get; }

    /// <summary>The layer norm before the MLP ("ln_2").</summary>
    public LayerNorm Ln2 { get; }

    /// <summary>The GELU MLP ("mlp").</summary>
    public FeedForward Mlp { get; }

    /// <inheritdoc/>
    protected override IEnumerable<(string Name, ModuleBase Module)> Children => [("ln_1", Ln1), ("attn", Attention), ("ln_2", Ln2), ("mlp", Mlp), ("drop", _dropout)];

    /// <summary>[batch, t, dim] to [batch, t, dim].</summary>
    public override Tensor Forward(Tensor input)
    {
        var x = input + _dropout.Forward(Attention.Forward(Ln1.Forward(input)));
        return x + _dropout.Forward(Mlp.Forward(Ln2.Forward(x)));
    }

    /// <summary>New tokens [batch, n, dim] through the block, attending to layer <paramref name="layer"/> of the cache too.</summary>
    public Tensor Forward(Tensor input, KeyValueCache cache, int layer)
    {
        var x = input + _dropout.Forward(Attention.Forward(Ln1.Forward(input), cache, layer));
        return x + _dropout.Forward(Mlp.Forward(Ln2.Forward(x)));
    }
}
