using Grimoire.Language;
using Grimoire.Language.Generation;
using Grimoire.Rlhf.Sampling;
using Grimoire.Text.Tokenizers;

namespace Grimoire.Rlhf.Preferences;

/// <summary>Makes preference data as InstructGPT did, at toy scale: for each prompt, sample <c>k</c> completions from the
/// (pretrained) policy, have the labeller rank them, and keep the best against the worst — a k-way ranking reduced to
/// its most informative pair.</summary>
public static class PreferenceGenerator
{
    /// <summary><paramref name="count"/> pairs of <paramref name="completionTokens"/>-token completions of prompts drawn
    /// from <paramref name="prompts"/>, <paramref name="k"/> ≥ 2 samples ranked per prompt.</summary>
    public static IReadOnlyList<PreferencePair> Generate(LanguageModel policy, ITokenizer tokenizer, PromptSource prompts, IPreferenceLabeller labeller,
        int count, int completionTokens, int k = 4, ulong seed = 0)
    {
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(tokenizer);
        ArgumentNullException.ThrowIfNull(prompts);
        ArgumentNullException.ThrowIfNull(labeller);
        if (count < 1) throw new ArgumentOutOfRangeException(nameof(count), $"at least one pair, got {count}");
        if (k < 2) throw new ArgumentOutOfRangeException(nameof(k), $"ranking needs at least two completions, got {k}");
        var rng = new Rng(seed);
        var pairs = new List<PreferencePair>(count);
        const int PromptsPerBatch = 32;
        for (var batch = 0; pairs.Count < count; batch++)
        {
            var (texts, ids) = prompts.Draw(Math.Min(PromptsPerBatch, count - pairs.Count), rng);
            var repeated = ids.SelectMany(p => Enumerable.Repeat(p, k)).ToArray();
            var sampled = Completions.Sample(policy, repeated, completionTokens, new SamplingSettings(Seed: seed * 1_000_003 + (ulong)batch));
            for (var p = 0; p < texts.Length; p++)
            {
                var candidates = Enumerable.Range(0, k).Select(j => tokenizer.Decode(sampled[p * k + j])).ToList();
                var best = candidates.Aggregate((a, b) => labeller.PrefersFirst(texts[p], a, b) ? a : b);
                candidates.Remove(best);
                var worst = candidates.Aggregate((a, b) => labeller.PrefersFirst(texts[p], a, b) ? b : a);
                pairs.Add(new PreferencePair(texts[p], best, worst));
            }
        }
        return pairs;
    }
}
