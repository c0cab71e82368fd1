namespace Grimoire.Rlhf.Ppo;

/// <summary>The KL leash of RLHF (Ziegler et al. 2019, InstructGPT): each generated token's reward is −β·(log π(aₜ|sₜ) −
/// log π_ref(aₜ|sₜ)), the sampled per-token estimate of KL(π ‖ π_ref), and the sequence's last token also receives the
/// reward model's score; so the return from any token is the score minus β times the KL still to come.</summary>
public static class KlPenalty
{
    /// <summary>kₜ = log π(aₜ) − log π_ref(aₜ) for each generated token.</summary>
    public static void PerToken(ReadOnlySpan<float> logProbs, ReadOnlySpan<float> referenceLogProbs, Span<float> kl)
    {
        if (referenceLogProbs.Length != logProbs.Length || kl.Length != logProbs.Length)
            throw new ArgumentException($"{logProbs.Length} log-probabilities, {referenceLogProbs.Length} reference ones and {kl.Length} outputs must match");
        for (var i = 0; i < kl.Length; i++) kl[i] = logProbs[i] - referenceLogProbs[i];
    }

    /// <summary>rₜ = −β·kₜ, plus <paramref name="scores"/>[n] on each sequence's last token; time-major like the rollout
    /// code of Grimoire.Rl (token t of sequence n at t·N + n, N = <paramref name="scores"/>.Length).</summary>
    /// <exception cref="ArgumentException">lengths that do not fit, or β negative or not finite.</exception>
    public static void Rewards(ReadOnlySpan<float> kl, ReadOnlySpan<float> scores, double beta, Span<float> rewards)
    {
        var sequences = scores.Length;
        if (sequences == 0 || kl.Length % sequences != 0 || rewards.Length != kl.Length)
            throw new ArgumentException($"{kl.Length} per-token KLs and {rewards.Length} rewards are not whole sequences of {sequences}");
        if (!(beta >= 0) || !double.IsFinite(beta)) throw new ArgumentOutOfRangeException(nameof(beta), $"the KL coefficient must be a finite number >= 0, got {beta}");
        for (var i = 0; i < kl.Length; i++) rewards[i] = (float)(-beta * kl[i]);
        var last = kl.Length - sequences;
        for (var n = 0; n < sequences; n++) rewards[last + n] += scores[n];
    }

    /// <summary>The mean over sequences of Σₜ kₜ (time-major, <paramref name="sequences"/> per row): the KL per sequence.</summary>
    public static double MeanSequenceKl(ReadOnlySpan<float> kl, int sequences)
    {
        double sum = 0;
        foreach (var k in kl) sum += k;
        return sum / sequences;
    }
}
