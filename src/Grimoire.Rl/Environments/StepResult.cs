namespace Grimoire.Rl.Environments;

/// <summary>What one step gives back, as in Gymnasium: the next observation, the reward for the step, whether the
/// episode ended inside the task (<see cref="Terminated"/>: the pole fell, the goal was reached) or was cut off by the
/// time limit (<see cref="Truncated"/>: the next state still has value, which return estimates must bootstrap).</summary>
/// <param name="Observation">The observation after the step.</param>
/// <param name="Reward">The reward for the step.</param>
/// <param name="Terminated">The task ended: no reward follows.</param>
/// <param name="Truncated">The time limit cut the episode off.</param>
public readonly record struct StepResult<TObservation>(TObservation Observation, double Reward, bool Terminated, bool Truncated)
{
    /// <summary>The episode is over, either way.</summary>
    public bool Done => Terminated || Truncated;
}
