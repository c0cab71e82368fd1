using Grimoire.Language;
using Grimoire.Rlhf.Preferences;
using Grimoire.Rlhf.RewardModels;
using Grimoire.Text.Tokenizers;

namespace Grimoire.Rlhf.Ppo;

/// <summary>A model's completions of fixed prompts at a fixed seed, each with the reward model's score, the oracle's
/// score and its KL to the reference (Σ over tokens of log π − log π_ref).</summary>
public sealed record PolicySamples(string[] Prompts, string[] Completions, double[] Rewards, double[] Oracle, double[] Kl)
{
    /// <summary>Samples <paramref name="model"/>'s completions of <paramref name="prompts"/> and scores them.</summary>
    public static PolicySamples Of(LanguageModel model, LanguageModel reference, ScalarHeadModel reward, ITokenizer tokenizer,
        (string[] Texts, int[][] Ids) prompts, int completionTokens, ulong seed)
    {
        ArgumentNullException.ThrowIfNull(tokenizer);
        var rollout = Rollout.Collect(model, reference, reward, null, prompts.Ids, completionTokens, seed);
        var texts = rollout.Completions.Select(c => tokenizer.Decode(c)).ToArray();
        var kl = new float[rollout.LogProbs.Length];
        KlPenalty.PerToken(rollout.LogProbs, rollout.ReferenceLogProbs, kl);
        var perSequence = Enumerable.Range(0, rollout.Sequences).Select(s => kl.AsSpan(s * completionTokens, completionTokens).ToArray().Sum(k => (double)k)).ToArray();
        return new PolicySamples(prompts.Texts, texts, [.. rollout.Scores.Select(s => (double)s)], [.. texts.Select(VowelOracle.Score)], perSequence);
    }
}
