using Grimoire.Language;
using Grimoire.Language.Checkpoints;
using Grimoire.Language.Training;
using Grimoire.Text.Tokenizers;

namespace Grimoire.Rlhf;

/// <summary>The pretrained language model RLHF starts from: a saved one (`grimoire lm train --out`), or, when none is
/// given, a small character LSTM (1 × 64, 300 steps of 16 × 32 tokens) trained on the corpus there and then, which takes
/// about a minute on two cores and is the same for the same seed.</summary>
public static class PretrainedPolicy
{
    /// <summary>The model at <paramref name="path"/>, or one pretrained on <paramref name="corpus"/> when it is null. The caller owns the model.</summary>
    public static (LanguageModel Model, ITokenizer Tokenizer) Get(string? path, string corpus, ulong seed, TextWriter? progress = null)
    {
        if (path is not null) return LanguageModelFile.Load(path);
        progress?.WriteLine($"no --policy given: pretraining a small character LSTM on {corpus}");
        var (model, data, _) = new LanguageTrainRequest("lstm", corpus) { Layers = 1, Dim = 64, Context = 32, Batch = 16, Steps = 300, LearningRate = 1e-2, Seed = seed }.Run(progress);
        return (model, data.Tokenizer);
    }
}
