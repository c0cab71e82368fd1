namespace Grimoire.Rl.Policies;

/// <summary>Diagonal Gaussians N(μᵢ, diag σ²) with means [n, d] and one log standard deviation per action component [d]
/// shared by every row (a state-independent spread, as PPO's continuous policies use).</summary>
/// <param name="mean">μ, [n, d].</param>
/// <param name="logStd">log σ, [d].</param>
public sealed class GaussianDistribution(Tensor mean, Tensor logStd) : ActionDistribution
{
    /// <summary>μ, [n, d].</summary>
    public Tensor Mean { get; } = mean;

    /// <summary>log σ, [d].</summary>
    public Tensor LogStd { get; } = logStd;

    /// <inheritdoc/>
    public override int Count => Mean.Shape[0];

    /// <inheritdoc/>
    public override int Width => Mean.Shape[1];

    /// <summary>Σ_d log N(a_d; μ_d, σ_d) by the fused <see cref="Tensor.NormalLogProb"/>; actions float [n, d].</summary>
    public override Tensor LogProb(Tensor actions) => Tensor.NormalLogProb(actions, Mean, LogStd).Sum(-1);

    /// <summary>Σ_d (log σ_d + ½ + ½ log 2π), the same for every row.</summary>
    public override Tensor MeanEntropy() => LogStd.Sum() + Width * (0.5 + Tensor.HalfLogTwoPi);

    /// <summary>Σ_d [log σ_d − log σ_old,d + (σ_old,d² + (μ_old,d − μ_d)²)/(2σ_d²) − ½], averaged over the rows.</summary>
    public override Tensor MeanKl(ActionDistribution old)
    {
        if (old is not GaussianDistribution o) throw new ArgumentException($"KL between a Gaussian and a {old.GetType().Name}", nameof(old));
        var difference = o.Mean - Mean;
        var ratio = ((o.LogStd - LogStd) * 2).Exp(); // σ_old²/σ²
        var perComponent = (LogStd - o.LogStd) + (ratio + difference * difference * (LogStd * -2).Exp()) * 0.5 - 0.5;
        return perComponent.Sum(-1).Mean();
    }

    /// <inheritdoc/>
    public override ActionDistribution Detach() => new GaussianDistribution(Mean.Detach(), LogStd.Detach());

    /// <summary>μ + σ·z with z a standard normal from <paramref name="rng"/>, row by row.</summary>
    public override void Sample(Rng rng, Span<float> actions)
    {
        CheckActions(actions);
        var mean = Mean.ToArray<float>();
        var std = LogStd.ToArray<float>().Select(s => Math.Exp(s)).ToArray();
        for (var i = 0; i < actions.Length; i++) actions[i] = (float)(mean[i] + std[i % Width] * rng.NextNormal());
    }

    /// <summary>μ.</summary>
    public override void Mode(Span<float> actions)
    {
        CheckActions(actions);
        Mean.ToArray<float>().CopyTo(actions);
    }
}
