namespace Grimoire.Rl.PolicyGradient;

/// <summary>PPO's clipped surrogate (Schulman et al. 2017, the trust-region idea of book §26.3 as a penalty-free
/// objective): with the probability ratio rₜ = π_θ(aₜ|sₜ)/π_old(aₜ|sₜ), L = mean(min(rₜ·Aₜ, clip(rₜ, 1 − ε, 1 + ε)·Aₜ)),
/// which stops rewarding a move of the ratio beyond 1 ± ε in the direction the advantage favours.</summary>
public static class PpoObjective
{
    /// <summary>The clipped surrogate L (to be maximised), a scalar differentiable in <paramref name="logProbs"/>.</summary>
    /// <param name="logProbs">log π_θ(aₜ|sₜ), [n].</param>
    /// <param name="oldLogProbs">log π_old(aₜ|sₜ), [n], not differentiated.</param>
    /// <param name="advantages">Aₜ, [n].</param>
    /// <param name="clip">ε &gt; 0.</param>
    /// <exception cref="ArgumentOutOfRangeException">ε not a positive finite number.</exception>
    public static Tensor ClippedSurrogate(Tensor logProbs, Tensor oldLogProbs, Tensor advantages, double clip)
    {
        ArgumentNullException.ThrowIfNull(logProbs);
        if (!(clip > 0) || !double.IsFinite(clip)) throw new ArgumentOutOfRangeException(nameof(clip), clip, "the PPO clip range must be a positive finite number");
        var ratio = (logProbs - oldLogProbs.Detach()).Exp();
        return (ratio * advantages).Minimum(ratio.Clamp(1 - clip, 1 + clip) * advantages).Mean();
    }

    /// <summary>The estimate mean((r − 1) − log r) of KL(π_old ‖ π_θ) from the samples (unbiased, never negative;
    /// Schulman's "k3"), which PPO watches to stop an update's epochs early.</summary>
    public static double ApproximateKl(Tensor logProbs, Tensor oldLogProbs)
    {
        using var noGrad = Autograd.GradMode.NoGrad();
        using var scope = new TensorScope();
        var logRatio = logProbs - oldLogProbs;
        return (logRatio.Exp() - 1 - logRatio).Mean().Item();
    }
}
