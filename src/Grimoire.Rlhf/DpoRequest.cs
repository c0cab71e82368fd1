using System.Diagnostics;
using Grimoire.Language.Checkpoints;
using Grimoire.Rlhf.Dpo;
using Grimoire.Rlhf.Ppo;
using Grimoire.Rlhf.Preferences;
using Grimoire.Rlhf.RewardModels;
using Grimoire.Rlhf.Sampling;
using Grimoire.Text.Corpora;

namespace Grimoire.Rlhf;

/// <summary>`grimoire rlhf dpo`: DPO on the same kind of preference pairs `rlhf reward` fits (generated or a file), then
/// the reference and the fine-tuned policy sampled on fresh prompts and scored by a saved reward model and the oracle,
/// as `rlhf ppo` reports. <see cref="PpoReport.History"/> is empty.</summary>
/// <param name="Data">"generated", or a pairs file.</param>
/// <param name="RewardPath">A reward model to score the before/after samples with.</param>
/// <param name="Corpus">Prompts (and pretraining) text.</param>
public sealed record DpoRequest(string Data, string RewardPath, string Corpus = "shakespeare")
{
    /// <summary>A saved language model to start from, or null to pretrain one.</summary>
    public string? PolicyPath { get; init; }

    /// <summary>Pairs to generate.</summary>
    public int Pairs { get; init; } = 640;

    /// <summary>Adam steps of 32 pairs.</summary>
    public int Steps { get; init; } = 300;

    /// <summary>DPO's β (the strength of the implicit KL leash).</summary>
    public double Beta { get; init; } = 0.1;

    /// <summary>Seeds pretraining, pairs, batches and the evaluation.</summary>
    public ulong Seed { get; init; }

    /// <summary>Where to save the fine-tuned policy, or null.</summary>
    public string? OutPath { get; init; }

    /// <summary>Runs; progress lines go to <paramref name="progress"/>.</summary>
    public PpoReport Run(TextWriter? progress = null)
    {
        var clock = Stopwatch.StartNew();
        IReadOnlyList<PreferencePair>? pairs = Data == "generated" ? null : PreferenceFile.Read(Data);
        var (reward, _) = RewardModelFile.Load(RewardPath);
        using (reward)
        {
            var (pretrained, tokenizer) = PretrainedPolicy.Get(PolicyPath, Corpus, Seed, progress);
            using (pretrained)
            {
                pairs ??= RewardRequest.Generate(pretrained, tokenizer, Corpus, Pairs, 0, 16, 24, Seed, progress);
                using var trainer = new DpoTrainer(pretrained);
                trainer.Train(tokenizer, pairs, Steps, beta: Beta, seed: Seed, progress: progress);
                var prompts = new PromptSource(TextCorpus.Load(Corpus), tokenizer, 16).Draw(64, new Rng(Seed ^ 0xE7A1_0000_0000UL));
                var before = PolicySamples.Of(trainer.Reference, trainer.Reference, reward, tokenizer, prompts, 24, Seed + 77);
                var after = PolicySamples.Of(trainer.Policy, trainer.Reference, reward, tokenizer, prompts, 24, Seed + 77);
                if (OutPath is { } path) LanguageModelFile.Save(path, trainer.Policy, tokenizer);
                return new PpoReport([], before, after, clock.Elapsed.TotalSeconds);
            }
        }
    }
}
