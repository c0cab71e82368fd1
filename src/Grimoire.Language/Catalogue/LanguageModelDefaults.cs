namespace Grimoire.Language.Catalogue;

/// <summary>The hyper-parameters and training budget a model kind uses when the caller names none.</summary>
/// <param name="Context">Tokens of context (fixed context, BPTT window or block size).</param>
/// <param name="Layers">Stacked layers.</param>
/// <param name="Heads">Attention heads (attention models only).</param>
/// <param name="Dim">Embedding and hidden width.</param>
/// <param name="Steps">Optimizer steps.</param>
/// <param name="Batch">Sequences per step.</param>
/// <param name="LearningRate">Peak AdamW rate (the cosine schedule ends at a tenth of it).</param>
public sealed record LanguageModelDefaults(int Context, int Layers, int Heads, int Dim, int Steps, int Batch, double LearningRate);
