namespace Grimoire.Ops;

/// <summary>layer_norm: <paramref name="Rows"/> samples of <paramref name="Cols"/> elements each, normalised with ε.</summary>
public sealed record LayerNormAttributes(int Rows, int Cols, double Epsilon);

/// <summary>One Adam/AdamW step, PyTorch's formulas: with L2 decay g ← g + λθ, with decoupled decay (AdamW)
/// θ ← θ(1 − ηλ); then m ← β₁m + (1−β₁)g, v ← β₂v + (1−β₂)g², θ ← θ − η·m̂/(√v̂ + ε) with m̂ = m/(1−β₁ᵗ), v̂ = v/(1−β₂ᵗ).</summary>
public sealed record AdamAttributes(double LearningRate, double Beta1, double Beta2, double Epsilon, double WeightDecay, bool Decoupled, int Step)
{
    /// <summary>1 − β₁ᵗ, the first moment's bias correction.</summary>
    public double Correction1 { get; } = 1 - Math.Pow(Beta1, Step);

    /// <summary>1 − β₂ᵗ, the second moment's bias correction.</summary>
    public double Correction2 { get; } = 1 - Math.Pow(Beta2, Step);
}

/// <summary>The sizes of one step of a fused recurrent cell: <paramref name="Batch"/> rows of <paramref name="Hidden"/> units
/// (the gate pre-activations are [batch, gates·hidden]).</summary>
public sealed record RecurrentCellAttributes(int Batch, int Hidden);

/// <summary>The sizes of one scaled dot-product attention: <paramref name="Batch"/> × <paramref name="Heads"/> independent heads,
/// each <paramref name="QueryLength"/> queries over <paramref name="KeyLength"/> keys of <paramref name="HeadDim"/> features;
/// scores are scaled by <paramref name="Scale"/> (1/√d by default). When <paramref name="Causal"/>, query i sits at position
/// <paramref name="Offset"/> + i and sees keys 0 … <paramref name="Offset"/> + i only (offset: the keys cached before it).</summary>
public sealed record AttentionAttributes(int Batch, int Heads, int QueryLength, int KeyLength, int HeadDim, double Scale, bool Causal, int Offset)
{
    /// <summary>Keys query <paramref name="i"/> sees: all of them, or those at or before its position when causal.</summary>
    public int Visible(int i) => Causal ? Math.Min(KeyLength, Offset + i + 1) : KeyLength;

    /// <summary>Elements of the attention output [batch, queries, heads, head dim].</summary>
    public long OutputElements => (long)Batch * QueryLength * Heads * HeadDim;

    /// <summary>Elements of the attention probabilities [batch, heads, queries, keys].</summary>
    public long ProbabilityElements => (long)Batch * Heads * QueryLength * KeyLength;

    /// <summary>Elements the forward op writes: the output followed by the probabilities the backward pass reads.</summary>
    public long SavedElements => OutputElements + ProbabilityElements;
}
