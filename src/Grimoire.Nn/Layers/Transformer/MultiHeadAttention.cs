namespace Grimoire.Nn.Layers;

/// <summary>Causal multi-head self-attention (book §33.2), GPT-2's layout: one projection to the packed queries, keys and
/// values ("c_attn", [dim, 3·dim]), the fused <see cref="Tensor.SelfAttention"/> over them (heads read in place and merged
/// in its output), and an output projection ("c_proj"). With a <see cref="KeyValueCache"/>, the new tokens attend to the
/// cached ones too, through <see cref="Tensor.ScaledDotProductAttention"/> with the cache length as the causal offset.</summary>
public sealed class MultiHeadAttention : Module
{
    /// <summary>Attention over <paramref name="dim"/> features split into <paramref name="heads"/> heads, both projections drawn
    /// from N(0, 0.02²) (the output one from N(0, <paramref name="outputStd"/>²) when given) with zero biases.</summary>
    /// <exception cref="ArgumentOutOfRangeException">heads below 1 or a width that is not a multiple of the heads.</exception>
    public MultiHeadAttention(int dim, int heads, bool bias = true, double? outputStd = null, Rng? rng = null, DType dtype = DType.Float32)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(heads, 1);
        if (dim < 1 || dim % heads != 0) throw new ArgumentOutOfRangeException(nameof(dim), dim, $"the width must be a positive multiple of the {heads} heads");
        (Dim, Heads) = (dim, heads);
        Attn = new Linear(dim, 3 * dim, rng: rng, bias: bias, dtype: dtype);
        Proj = new Linear(dim, dim, rng: rng, bias: bias, dtype: dtype);
        NormalInit.Fill(Attn.Weight, NormalInit.Std, rng);
        NormalInit.Fill(Proj.Weight, outputStd ?? NormalInit.Std, rng);
    }

    /// <summary>Features per token.</summary>
    public int Dim { get; }

    /// <summary>Attention heads, each of <see cref="Dim"/> / heads features.</summary>
    public int Heads { get; }

    /// <summary>The packed query, key and value projection [dim, 3·dim] ("c_attn").</summary>
    public Linear Attn { get; }

    /// <summary>The output projection [dim, dim] ("c_proj").</summary>
    public Linear Proj { get; }

    /// <inheritdoc/>
    protected override IEnumerable<(string Name, ModuleBase Module)> Children => [("c_attn", Attn), ("c_proj", Proj)];

    /// <summary>[batch, t, dim] to [batch, t, dim], each token attending to itself and the tokens before it.</summary>
    /// <exception cref="ShapeException">the input is not [batch, t, dim].</exception>
    public override Tensor Forward(Tensor input) => Proj.Forward(Tensor.SelfAttention(Attn.Forward(CheckInput(input)), Heads));

    /// <summary>New tokens [batch, n, dim] attending to the <paramref name="cache"/>'s tokens and to each other causally; their
    /// keys and values are appended to layer <paramref name="layer"/> of the cache.</summary>
    public Tensor Forward(Tensor input, KeyValueCache cache, int layer)
    {
        var (b, n) = (CheckInput(input).Shape[0], input.Shape[1]);
        var d = Dim / Heads;
        var parts = Attn.Forward(input).Reshape(b, n, 3, Heads, d);
        Tensor Part(int k) => parts.Slice(2, k, k + 1).Squeeze(2).Permute(0, 2, 1, 3);
        var (keys, values) = cache.Append(layer, Part(1), Part(2));
        var y = Tensor.ScaledDotProductAttention(Part(0), keys, values, causal: true, offset: cache.Length);
        return Proj.Forward(y.Permute(0, 2, 1, 3).Reshape(b, n, Dim));
    }

    private Tensor CheckInput(Tensor input) =>
        input.Rank == 3 && input.Shape[2] == Dim ? input : throw new ShapeException($"attention over {Dim} features needs [batch, tokens, {Dim}], got {input.Shape}");
}
