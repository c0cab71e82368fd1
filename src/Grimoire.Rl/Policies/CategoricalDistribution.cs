namespace Grimoire.Rl.Policies;

/// <summary>Categorical distributions over c actions from logits [n, c] (softmax probabilities).</summary>
/// <param name="logits">The unnormalised log-probabilities, [n, c].</param>
public sealed class CategoricalDistribution(Tensor logits) : ActionDistribution
{
    /// <summary>The logits, [n, c].</summary>
    public Tensor Logits { get; } = logits;

    /// <inheritdoc/>
    public override int Count => Logits.Shape[0];

    /// <inheritdoc/>
    public override int Width => 1;

    /// <summary>log softmax(logits)[i, aᵢ] by the fused <see cref="Tensor.CategoricalLogProb"/>; actions int32 [n].</summary>
    public override Tensor LogProb(Tensor actions) => Logits.CategoricalLogProb(actions);

    /// <summary>−Σₐ π(a) log π(a), averaged over the rows.</summary>
    public override Tensor MeanEntropy() => -(Logits.Softmax() * Logits.LogSoftmax()).Sum(-1).Mean();

    /// <summary>Σₐ π_old(a)·(log π_old(a) − log π(a)), averaged over the rows.</summary>
    public override Tensor MeanKl(ActionDistribution old)
    {
        if (old is not CategoricalDistribution o) throw new ArgumentException($"KL between a categorical and a {old.GetType().Name}", nameof(old));
        var oldLog = o.Logits.LogSoftmax();
        return (oldLog.Exp() * (oldLog - Logits.LogSoftmax())).Sum(-1).Mean();
    }

    /// <inheritdoc/>
    public override ActionDistribution Detach() => new CategoricalDistribution(Logits.Detach());

    /// <summary>Inverse-CDF sampling, one uniform draw per row.</summary>
    public override void Sample(Rng rng, Span<float> actions)
    {
        CheckActions(actions);
        var classes = Logits.Shape[1];
        using var scope = new TensorScope();
        var p = Logits.Softmax().ToArray<float>();
        for (var i = 0; i < actions.Length; i++)
        {
            var u = rng.NextDouble();
            var chosen = classes - 1; // rounding can leave the cumulative sum just under 1
            double cumulative = 0;
            for (var a = 0; a < classes; a++)
            {
                cumulative += p[i * classes + a];
                if (u < cumulative)
                {
                    chosen = a;
                    break;
                }
            }
            actions[i] = chosen;
        }
    }

    /// <summary>The first action of largest logit per row.</summary>
    public override void Mode(Span<float> actions)
    {
        CheckActions(actions);
        var classes = Logits.Shape[1];
        var x = Logits.ToArray<float>();
        for (var i = 0; i < actions.Length; i++)
        {
            var best = 0;
            for (var a = 1; a < classes; a++)
                if (x[i * classes + a] > x[i * classes + best]) best = a;
            actions[i] = best;
        }
    }
}
