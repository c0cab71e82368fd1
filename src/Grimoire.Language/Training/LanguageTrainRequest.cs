using Grimoire.Language.Catalogue;
using Grimoire.Language.Checkpoints;

namespace Grimoire.Language.Training;

/// <summary>One training run as `grimoire lm train` describes it: a model kind from the catalogue, the data and tokeniser,
/// and any hyper-parameters or budget that override the kind's defaults (null: the default).</summary>
/// <param name="Model">The catalogue name.</param>
/// <param name="Data">A shipped corpus ("shakespeare", "names") or a UTF-8 file.</param>
/// <param name="Tokenizer">"char" or "bpe:N".</param>
public sealed record LanguageTrainRequest(string Model, string Data, string Tokenizer = "char")
{
    /// <summary>Tokens of context.</summary>
    public int? Context { get; init; }

    /// <summary>Stacked layers.</summary>
    public int? Layers { get; init; }

    /// <summary>Attention heads.</summary>
    public int? Heads { get; init; }

    /// <summary>Embedding and hidden width.</summary>
    public int? Dim { get; init; }

    /// <summary>Optimizer steps.</summary>
    public int? Steps { get; init; }

    /// <summary>Sequences per step.</summary>
    public int? Batch { get; init; }

    /// <summary>Peak learning rate.</summary>
    public double? LearningRate { get; init; }

    /// <summary>A transformer's positional encoding, "sinusoidal" (null: the default) or "learned".</summary>
    public string? Positions { get; init; }

    /// <summary>Seeds the weights and the random windows.</summary>
    public ulong Seed { get; init; }

    /// <summary>Where to save the trained model, or null.</summary>
    public string? OutPath { get; init; }

    /// <summary>Trains the model; progress lines go to <paramref name="progress"/>. The caller owns the returned model.</summary>
    /// <exception cref="Grimoire.Ml.ModelException">an unknown model kind.</exception>
    /// <exception cref="Grimoire.Text.TextDataException">unreadable data, or a context longer than it allows.</exception>
    /// <exception cref="ArgumentException">a tokeniser or value out of range.</exception>
    public (LanguageModel Model, LanguageCorpus Corpus, LanguageTrainResult Result) Run(TextWriter? progress = null)
    {
        var plugin = LanguageModelCatalogue.Model(Model);
        var d = plugin.Defaults;
        var corpus = LanguageCorpus.Prepare(Data, Tokenizer);
        var config = new LanguageModelConfig(plugin.Name, corpus.Tokenizer.VocabularySize, Context ?? d.Context, Layers ?? d.Layers, Heads ?? d.Heads, Dim ?? d.Dim)
        {
            Positions = Positions ?? LanguageModelConfig.SinusoidalPositions,
        }.Validate();
        var steps = Steps ?? d.Steps;
        var settings = new LanguageTrainSettings(steps, Batch ?? d.Batch, plugin.TrainingWindow(config), LearningRate ?? d.LearningRate, Seed)
        {
            // a run shorter than the kind's warm-up warms up over its first tenth instead
            WarmupSteps = Math.Min(d.WarmupSteps, steps / 10), WeightDecay = d.WeightDecay, DecayMatricesOnly = d.DecayMatricesOnly,
        }.Validate();
        var model = plugin.Create(config, new Rng(Seed));
        try
        {
            progress?.WriteLine($"{plugin.Name} ({plugin.BookSection}): {model.ParameterCount} parameters, vocabulary {config.Vocabulary}, {corpus.Train.Length} training and {corpus.Validation.Length} validation tokens");
            var result = LanguageModelTrainer.Train(model, corpus, settings, progress);
            if (OutPath is { } path) LanguageModelFile.Save(path, model, corpus.Tokenizer);
            return (model, corpus, result);
        }
        catch
        {
            model.Dispose();
            throw;
        }
    }
}
