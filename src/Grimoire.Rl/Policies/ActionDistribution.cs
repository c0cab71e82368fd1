namespace Grimoire.Rl.Policies;

/// <summary>A batch of action distributions π(·|s), one per observation row, as a policy network gives them (like
/// <c>torch.distributions</c>): log-probabilities and entropies that autodiff differentiates, the KL divergence the
/// natural gradient's trust region measures, and sampling or the most probable action on the host for acting.
/// Actions are rows of <see cref="Width"/> floats (a discrete action is its index).</summary>
public abstract class ActionDistribution
{
    /// <summary>Rows in the batch.</summary>
    public abstract int Count { get; }

    /// <summary>Floats per action.</summary>
    public abstract int Width { get; }

    /// <summary>log π(aᵢ|sᵢ) for each row, [n], through the engine's fused log-probability op.</summary>
    /// <param name="actions">The actions as <see cref="PolicyNetwork.ActionTensor"/> makes them.</param>
    public abstract Tensor LogProb(Tensor actions);

    /// <summary>The mean entropy over the rows, a scalar.</summary>
    public abstract Tensor MeanEntropy();

    /// <summary>The mean of KL(<paramref name="old"/> ‖ this) over the rows, a scalar differentiable in this distribution's
    /// parameters (pass <paramref name="old"/> through <see cref="Detach"/>).</summary>
    /// <exception cref="ArgumentException"><paramref name="old"/> is another kind of distribution.</exception>
    public abstract Tensor MeanKl(ActionDistribution old);

    /// <summary>The same distributions with their parameters cut from the tape.</summary>
    public abstract ActionDistribution Detach();

    /// <summary>Draws one action per row into <paramref name="actions"/> ([n·width]) from <paramref name="rng"/>.</summary>
    public abstract void Sample(Rng rng, Span<float> actions);

    /// <summary>The most probable action per row (the mean of a Gaussian) into <paramref name="actions"/>.</summary>
    public abstract void Mode(Span<float> actions);

    /// <summary>Throws unless <paramref name="actions"/> holds one action per row.</summary>
    /// <exception cref="ArgumentException">another length.</exception>
    protected void CheckActions(Span<float> actions)
    {
        if (actions.Length != (long)Count * Width) throw new ArgumentException($"{Count} actions of {Width} floats need {(long)Count * Width} floats, got {actions.Length}", nameof(actions));
    }
}
