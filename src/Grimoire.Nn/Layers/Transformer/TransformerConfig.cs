namespace Grimoire.Nn.Layers;

/// <summary>The shape of a <see cref="DecoderOnlyTransformer"/>. The defaults are nanoGPT's CPU configuration for
/// tiny-shakespeare (4 layers, 4 heads, 128 wide, no biases, no dropout).</summary>
/// <param name="VocabSize">Token ids in [0, VocabSize).</param>
/// <param name="ContextLength">Most positions the model sees at once (nanoGPT's <c>block_size</c>).</param>
/// <param name="Layers">Transformer blocks.</param>
/// <param name="Heads">Attention heads per block.</param>
/// <param name="Dim">Features per token (<c>n_embd</c>), a multiple of the heads.</param>
/// <param name="Dropout">Dropout after the embeddings and each residual branch (attention probabilities are not dropped: the
/// fused attention op has no dropout).</param>
/// <param name="Bias">Biases in the linear layers and layer norms (nanoGPT's <c>bias</c>).</param>
/// <param name="Positions">Sinusoidal (the default) or learned positions.</param>
public sealed record TransformerConfig(int VocabSize, int ContextLength, int Layers = 4, int Heads = 4, int Dim = 128, double Dropout = 0,
    bool Bias = false, PositionalEncodingKind Positions = PositionalEncodingKind.Sinusoidal)
{
    /// <exception cref="ArgumentOutOfRangeException">a size below 1, a width that is not a multiple of the heads, or dropout
    /// outside [0, 1).</exception>
    public void Validate()
    {
        foreach (var (value, name) in new[] { (VocabSize, nameof(VocabSize)), (ContextLength, nameof(ContextLength)), (Layers, nameof(Layers)), (Heads, nameof(Heads)), (Dim, nameof(Dim)) })
            ArgumentOutOfRangeException.ThrowIfLessThan(value, 1, name);
        if (Dim % Heads != 0) throw new ArgumentOutOfRangeException(nameof(Dim), Dim, $"the width must be a multiple of the {Heads} heads");
        if (!(Dropout >= 0 && Dropout < 1)) throw new ArgumentOutOfRangeException(nameof(Dropout), Dropout, "dropout must lie in [0, 1)");
        if (!Enum.IsDefined(Positions)) throw new ArgumentOutOfRangeException(nameof(Positions), Positions, "unknown positional encoding");
    }
}
