using System.Diagnostics;
using Grimoire.Language.Checkpoints;
using Grimoire.Rlhf.Ppo;
using Grimoire.Rlhf.RewardModels;
using Grimoire.Rlhf.Sampling;
using Grimoire.Text.Corpora;

namespace Grimoire.Rlhf;

/// <summary>What `grimoire rlhf ppo` gave: the rounds, the reference's and the fine-tuned policy's samples of the same
/// held-out prompts at the same seed, and the seconds taken.</summary>
public sealed record PpoReport(IReadOnlyList<PpoIteration> History, PolicySamples Before, PolicySamples After, double Seconds);

/// <summary>`grimoire rlhf ppo`: PPO fine-tuning of the pretrained policy against a saved reward model, then both the
/// reference and the fine-tuned policy sampled on <see cref="EvaluationPrompts"/> fresh prompts at one seed.</summary>
/// <param name="RewardPath">A reward model saved by `grimoire rlhf reward`.</param>
/// <param name="Corpus">The corpus prompts are cut from (and the pretraining text when no policy is given).</param>
public sealed record PpoRequest(string RewardPath, string Corpus = "shakespeare")
{
    /// <summary>A saved language model to fine-tune, or null to pretrain one (<see cref="PretrainedPolicy"/>).</summary>
    public string? PolicyPath { get; init; }

    /// <summary>How PPO runs.</summary>
    public RlhfPpoSettings Settings { get; init; } = new();

    /// <summary>Characters per prompt.</summary>
    public int PromptLength { get; init; } = 16;

    /// <summary>Prompts the before/after comparison samples.</summary>
    public int EvaluationPrompts { get; init; } = 64;

    /// <summary>Where to save the fine-tuned policy (a language-model checkpoint), or null.</summary>
    public string? OutPath { get; init; }

    /// <summary>Runs; progress lines go to <paramref name="progress"/>.</summary>
    public PpoReport Run(TextWriter? progress = null)
    {
        Settings.Validate();
        if (EvaluationPrompts < 1) throw new ArgumentOutOfRangeException(nameof(EvaluationPrompts), $"--eval-prompts must be at least 1, got {EvaluationPrompts}");
        var clock = Stopwatch.StartNew();
        var (reward, rewardTokenizer) = RewardModelFile.Load(RewardPath);
        using (reward)
        {
            var (pretrained, tokenizer) = PretrainedPolicy.Get(PolicyPath, Corpus, Settings.Seed, progress);
            using (pretrained)
            {
                if (!rewardTokenizer.Decode([.. Enumerable.Range(0, rewardTokenizer.VocabularySize)]).Equals(tokenizer.Decode([.. Enumerable.Range(0, tokenizer.VocabularySize)]), StringComparison.Ordinal))
                    throw new ArgumentException($"{RewardPath}: the reward model's tokenizer is not the policy's; train both on one corpus");
                var prompts = new PromptSource(TextCorpus.Load(Corpus), tokenizer, PromptLength);
                using var trainer = new RlhfPpoTrainer(pretrained, reward, tokenizer, prompts, Settings);
                var history = trainer.Train(progress);
                // Fresh prompts and one sampling seed for both models, apart from the training rounds' streams.
                var evaluation = prompts.Draw(EvaluationPrompts, new Rng(Settings.Seed ^ 0xE7A1_0000_0000UL));
                var before = PolicySamples.Of(trainer.Reference, trainer.Reference, reward, tokenizer, evaluation, Settings.CompletionTokens, Settings.Seed + 77);
                var after = PolicySamples.Of(trainer.Policy, trainer.Reference, reward, tokenizer, evaluation, Settings.CompletionTokens, Settings.Seed + 77);
                if (OutPath is { } path) LanguageModelFile.Save(path, trainer.Policy, tokenizer);
                return new PpoReport(history, before, after, clock.Elapsed.TotalSeconds);
            }
        }
    }
}

/// <summary>A PPO run's full record as JSON (for the report's plot and tables): every round's reward, KL, β and oracle
/// score, the KL target, and the before/after samples with their scores.</summary>
public static class PpoReportFile
{
    /// <summary>Writes <paramref name="report"/> to <paramref name="path"/>.</summary>
    public static void Write(string path, PpoReport report, double klTarget)
    {
        ArgumentNullException.ThrowIfNull(report);
        static object Samples(PolicySamples s) => new { prompts = s.Prompts, completions = s.Completions, rewards = s.Rewards, oracle = s.Oracle, kl = s.Kl };
        File.WriteAllText(path, System.Text.Json.JsonSerializer.Serialize(new
        {
            kl_target = klTarget,
            seconds = report.Seconds,
            history = report.History.Select(h => new { iteration = h.Iteration, reward = h.Reward, kl = h.Kl, beta = h.Beta, oracle = h.Oracle }),
            before = Samples(report.Before),
            after = Samples(report.After),
        }));
    }
}
