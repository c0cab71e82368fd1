namespace Grimoire.Language.Catalogue;

/// <summary>The hyper-parameters and training budget a model kind uses when the caller names none.</summary>
/// <param name="Context">Tokens of context (fixed context, BPTT window or block size).</param>
/// <param name="Layers">Stacked layers.</param>
/// <param name="Heads">Attention heads (attention models only).</param>
/// <param name="Dim">Embedding and hidden width.</param>
/// <param name="Steps">Optimizer steps.</param>
/// <param name="Batch">Sequences per step.</param>
/// <param name="LearningRate">Peak AdamW rate (the cosine schedule ends at a tenth of it).</param>
public sealed record LanguageModelDefaults(int Context, int Layers, int Heads, int Dim, int Steps, int Batch, double LearningRate)
{
    /// <summary>Steps of linear learning-rate warm-up before the cosine (nanoGPT's <c>warmup_iters</c>).</summary>
    public int WarmupSteps { get; init; }

    /// <summary>AdamW's decoupled weight decay.</summary>
    public double WeightDecay { get; init; } = 0.01;

    /// <summary>Decay only weights and embeddings (rank ≥ 2), not biases and norm gains, as GPT-2 and nanoGPT.</summary>
    public bool DecayMatricesOnly { get; init; }
}
