namespace Grimoire.Rl.Imitation;

/// <summary>
/// The log-likelihood a mixture-density policy maximises (book §22.2–23): for each row, K diagonal Gaussians over the
/// d action components with mixing weights softmax(logits),
/// log p(a) = log Σ_k softmax(logits)_k · Π_j N(a_j; μ_kj, σ_kj) = logsumexp_k [log softmax(logits)_k + Σ_j log N(a_j; μ_kj, σ_kj)],
/// computed in log space (log-softmax and log-sum-exp) so that no density underflows. Differentiable in the logits,
/// means and log standard deviations.
/// </summary>
public static class MixtureOfGaussians
{
    /// <summary>log p(actions) per row: logits [n, K], means and log σ [n, K, d], actions [n, d] → [n].</summary>
    /// <exception cref="ShapeException">the shapes do not fit together.</exception>
    public static Tensor LogLikelihood(Tensor logits, Tensor means, Tensor logStd, Tensor actions)
    {
        ArgumentNullException.ThrowIfNull(logits);
        ArgumentNullException.ThrowIfNull(means);
        ArgumentNullException.ThrowIfNull(logStd);
        ArgumentNullException.ThrowIfNull(actions);
        if (logits.Rank != 2 || actions.Rank != 2 || means.Rank != 3 || means.Shape != logStd.Shape
            || means.Shape[0] != logits.Shape[0] || means.Shape[1] != logits.Shape[1] || actions.Shape[0] != logits.Shape[0] || actions.Shape[1] != means.Shape[2])
            throw new ShapeException($"a mixture of Gaussians needs logits [n, K], means and log std [n, K, d] and actions [n, d]; got {logits.Shape}, {means.Shape}, {logStd.Shape} and {actions.Shape}");
        var perComponent = Tensor.NormalLogProb(actions.Unsqueeze(1), means, logStd).Sum(2);
        return (logits.LogSoftmax(1) + perComponent).LogSumExp(1);
    }

    /// <summary>log p(actions) per row under one diagonal Gaussian: means and log σ [n, d], actions [n, d] → [n].</summary>
    /// <exception cref="ShapeException">the shapes differ or are not [n, d].</exception>
    public static Tensor GaussianLogLikelihood(Tensor means, Tensor logStd, Tensor actions)
    {
        ArgumentNullException.ThrowIfNull(means);
        ArgumentNullException.ThrowIfNull(logStd);
        ArgumentNullException.ThrowIfNull(actions);
        if (means.Rank != 2 || means.Shape != logStd.Shape || means.Shape != actions.Shape)
            throw new ShapeException($"a Gaussian policy needs means, log std and actions all [n, d]; got {means.Shape}, {logStd.Shape} and {actions.Shape}");
        return Tensor.NormalLogProb(actions, means, logStd).Sum(1);
    }
}
