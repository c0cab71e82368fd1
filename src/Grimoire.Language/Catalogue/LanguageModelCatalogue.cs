using Grimoire.Language.Models;
using Grimoire.Ml;
using Grimoire.Ml.Models;

namespace Grimoire.Language.Catalogue;

/// <summary>Every kind of language model by name (`grimoire lm models`). An application (or the transformer library)
/// adds its own with <see cref="Add"/>.</summary>
public static class LanguageModelCatalogue
{
    private static readonly NamedCatalogue<ILanguageModelPlugin> s_models = new("language model", "models", m => m.Name,
    [
        new LanguageModelPlugin("bigram", "§31", "next-token logits from the current token only (a learned count table)",
            new LanguageModelDefaults(Context: 1, Layers: 1, Heads: 1, Dim: 1, Steps: 2000, Batch: 32, LearningRate: 0.1), _ => 64,
            (c, rng) => new BigramModel(c, rng)),
        new LanguageModelPlugin("mlp", "§31", "Bengio-style MLP over a fixed context of token embeddings (makemore's mlp)",
            new LanguageModelDefaults(Context: 3, Layers: 1, Heads: 1, Dim: 64, Steps: 3000, Batch: 32, LearningRate: 3e-3), c => Math.Max(64, 4 * c.Context),
            (c, rng) => new MlpModel(c, rng)),
        Recurrent("rnn", "§31.2", "Elman RNN (tanh) layers, truncated BPTT over the stream"),
        Recurrent("lstm", "§31.3, §33", "LSTM layers (fused cells), truncated BPTT over the stream (char-rnn)"),
        Recurrent("gru", "§31.3, §33", "GRU layers (fused cells), truncated BPTT over the stream"),
        new LanguageModelPlugin("transformer", "§33", "decoder-only transformer (nanoGPT): causal multi-head attention, pre-LN blocks, GELU MLP, tied head, KV cache",
            new LanguageModelDefaults(Context: 64, Layers: 4, Heads: 4, Dim: 128, Steps: 2000, Batch: 12, LearningRate: 1e-3)
            {
                WarmupSteps = 100, WeightDecay = 0.1, DecayMatricesOnly = true,
            }, c => c.Context, (c, rng) => new TransformerModel(c, rng)),
    ]);

    /// <summary>The kinds, built-in first.</summary>
    public static IReadOnlyList<ILanguageModelPlugin> Models => s_models.All;

    /// <summary>Adds a kind.</summary>
    /// <exception cref="InvalidOperationException">its name is taken.</exception>
    public static void Add(ILanguageModelPlugin plugin) => s_models.Add(plugin);

    /// <summary>The kind called <paramref name="name"/>.</summary>
    /// <exception cref="ModelException">no such kind; the message lists them.</exception>
    public static ILanguageModelPlugin Model(string name) => s_models.Find(name);

    private static LanguageModelPlugin Recurrent(string kind, string section, string summary) =>
        new(kind, section, summary, new LanguageModelDefaults(Context: 64, Layers: 2, Heads: 1, Dim: 128, Steps: 2000, Batch: 32, LearningRate: 2e-3),
            c => c.Context, (c, rng) => new RecurrentModel(c, rng));
}
