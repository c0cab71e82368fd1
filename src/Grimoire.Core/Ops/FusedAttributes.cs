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
