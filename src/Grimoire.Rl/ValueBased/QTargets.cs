namespace Grimoire.Rl.ValueBased;

/// <summary>
/// The regression targets of deep Q-learning (book §27.1, with the discount the book's recursion leaves out):
/// y = r + γ·(1 − terminated)·Q̂(s′, a′), where a′ is the target network's own greedy action (DQN, which overestimates
/// because the same noisy values choose and score a′) or the online network's greedy action scored by the target network
/// (Double DQN, van Hasselt et al. 2016). Inputs are the batch's rewards and termination flags [n] and Q-values of s′
/// [n, actions]; compute them without recording, since targets are constants for the loss.
/// </summary>
public static class QTargets
{
    /// <summary>r + γ(1 − terminated)·max_a′ Q̂(s′, a′).</summary>
    public static Tensor Bellman(Tensor rewards, Tensor terminated, Tensor nextTargetQ, double gamma)
    {
        ArgumentNullException.ThrowIfNull(nextTargetQ);
        return Combine(rewards, terminated, nextTargetQ.Max(1), gamma);
    }

    /// <summary>r + γ(1 − terminated)·Q̂(s′, argmax_a′ Q(s′, a′)).</summary>
    public static Tensor DoubleDqn(Tensor rewards, Tensor terminated, Tensor nextOnlineQ, Tensor nextTargetQ, double gamma)
    {
        ArgumentNullException.ThrowIfNull(nextOnlineQ);
        ArgumentNullException.ThrowIfNull(nextTargetQ);
        if (nextOnlineQ.Shape != nextTargetQ.Shape) throw new ShapeException($"online {nextOnlineQ.Shape} and target {nextTargetQ.Shape} Q-values of s′ must have the same shape");
        return Combine(rewards, terminated, Chosen(nextTargetQ, nextOnlineQ.ArgMax(1)), gamma);
    }

    /// <summary>Q(s, a) for each row's action: [n, actions] and int32 [n] to [n].</summary>
    public static Tensor Chosen(Tensor q, Tensor actions)
    {
        ArgumentNullException.ThrowIfNull(q);
        ArgumentNullException.ThrowIfNull(actions);
        if (q.Rank != 2 || actions.Rank != 1 || actions.Shape[0] != q.Shape[0])
            throw new ShapeException($"Q-values must be [n, actions] and actions [n], got {q.Shape} and {actions.Shape}");
        return (q * Tensor.OneHot(actions, q.Shape[1], q.DType)).Sum(1);
    }

    private static Tensor Combine(Tensor rewards, Tensor terminated, Tensor nextValue, double gamma)
    {
        ArgumentNullException.ThrowIfNull(rewards);
        ArgumentNullException.ThrowIfNull(terminated);
        if (!(gamma is >= 0 and <= 1)) throw new ArgumentOutOfRangeException(nameof(gamma), gamma, "the discount gamma must lie in [0, 1]");
        if (rewards.Shape != nextValue.Shape || terminated.Shape != nextValue.Shape)
            throw new ShapeException($"rewards {rewards.Shape} and termination flags {terminated.Shape} must be [n] for Q-values of {nextValue.Shape[0]} rows");
        return rewards + (1 - terminated) * nextValue * gamma;
    }
}
