using Grimoire.Rlhf.Preferences;
using Grimoire.Rlhf.RewardModels;
using Grimoire.Rlhf.Sampling;
using Grimoire.Text.Corpora;

namespace Grimoire.Rlhf;

/// <summary>`grimoire rlhf reward`: preference pairs (read from a JSON-lines file, or "generated": sampled from the
/// pretrained policy on prompts of <see cref="Corpus"/> and ranked by <see cref="OracleLabeller"/>), then a reward model
/// (the pretrained model with a scalar head) fitted to them.</summary>
/// <param name="Data">"generated", or a pairs file (<see cref="PreferenceFile"/>).</param>
/// <param name="Corpus">The shipped corpus ("shakespeare", "names") or text file prompts are cut from, and the pretraining text.</param>
public sealed record RewardRequest(string Data, string Corpus = "shakespeare")
{
    /// <summary>A saved language model to start from, or null to pretrain one (<see cref="PretrainedPolicy"/>).</summary>
    public string? PolicyPath { get; init; }

    /// <summary>Pairs to generate.</summary>
    public int Pairs { get; init; } = 640;

    /// <summary>The stand-in labeller's probability of flipping a judgement.</summary>
    public double Noise { get; init; }

    /// <summary>Characters per prompt.</summary>
    public int PromptLength { get; init; } = 16;

    /// <summary>Tokens per generated completion.</summary>
    public int CompletionTokens { get; init; } = 24;

    /// <summary>How the reward model is fitted.</summary>
    public RewardTrainSettings Training { get; init; } = new();

    /// <summary>Where to save the reward model, or null.</summary>
    public string? OutPath { get; init; }

    /// <summary>Where to write the pairs used, or null.</summary>
    public string? PairsOutPath { get; init; }

    /// <summary>Pairs sampled from <paramref name="pretrained"/> on prompts of <paramref name="corpus"/>, best against
    /// worst of 4 as ranked by the stand-in labeller with <paramref name="noise"/>.</summary>
    internal static IReadOnlyList<PreferencePair> Generate(Grimoire.Language.LanguageModel pretrained, Grimoire.Text.Tokenizers.ITokenizer tokenizer, string corpus,
        int count, double noise, int promptLength, int completionTokens, ulong seed, TextWriter? progress)
    {
        var prompts = new PromptSource(TextCorpus.Load(corpus), tokenizer, promptLength);
        var pairs = PreferenceGenerator.Generate(pretrained, tokenizer, prompts, new OracleLabeller(noise, seed), count, completionTokens, k: 4, seed);
        progress?.WriteLine($"{pairs.Count} preference pairs generated (best and worst of 4 samples per prompt, label noise {noise})");
        return pairs;
    }

    /// <summary>Builds the data and fits the model; progress lines go to <paramref name="progress"/>. The caller owns the model.</summary>
    public (ScalarHeadModel Model, RewardTrainResult Result) Run(TextWriter? progress = null)
    {
        Training.Validate();
        var seed = Training.Seed;
        IReadOnlyList<PreferencePair>? pairs = Data == "generated" ? null : PreferenceFile.Read(Data);
        var (pretrained, tokenizer) = PretrainedPolicy.Get(PolicyPath, Corpus, seed, progress);
        var model = new ScalarHeadModel(pretrained, new Rng(seed));
        try
        {
            pairs ??= Generate(pretrained, tokenizer, Corpus, Pairs, Noise, PromptLength, CompletionTokens, seed, progress);
            if (PairsOutPath is { } pairsPath) PreferenceFile.Write(pairsPath, pairs);
            var result = RewardModelTrainer.Train(model, tokenizer, pairs, Training, progress);
            if (OutPath is { } path) RewardModelFile.Save(path, model, tokenizer);
            return (model, result);
        }
        catch
        {
            model.Dispose();
            throw;
        }
    }
}
