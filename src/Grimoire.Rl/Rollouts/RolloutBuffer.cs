namespace Grimoire.Rl.Rollouts;

/// <summary>
/// T steps of N copies, time-major (step t of copy n at row t·N + n), allocated once and refilled every update:
/// observations, actions, rewards, end flags, V(sₜ), the log-probabilities of the actions under the policy that took
/// them, and what the return estimates derive (next values, advantages, returns). A truncated step also keeps the value
/// of its final observation (<see cref="FinalValues"/>), and the rollout keeps the value of the observation after its
/// last row (<see cref="LastValues"/>), so that both bootstrap (see <see cref="ReturnEstimates"/>).
/// </summary>
public sealed class RolloutBuffer
{
    /// <summary>A buffer for <paramref name="steps"/> steps of <paramref name="copies"/> copies.</summary>
    /// <exception cref="ArgumentOutOfRangeException">a size below 1, or more than 2³⁰ floats in one array.</exception>
    public RolloutBuffer(int steps, int copies, int observationSize, int actionWidth)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(steps, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(copies, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(observationSize, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(actionWidth, 1);
        var rows = (long)steps * copies;
        if (rows * Math.Max(observationSize, actionWidth) > 1 << 30)
            throw new ArgumentOutOfRangeException(nameof(steps), $"a rollout of {steps} x {copies} steps of {Math.Max(observationSize, actionWidth)} floats is too large");
        (Steps, Copies, ObservationSize, ActionWidth) = (steps, copies, observationSize, actionWidth);
        var count = (int)rows;
        Observations = new float[count * observationSize];
        Actions = new float[count * actionWidth];
        (Rewards, Values, FinalValues, LogProbs, NextValues, Advantages, Returns) =
            (new float[count], new float[count], new float[count], new float[count], new float[count], new float[count], new float[count]);
        (Terminated, Truncated, Ended) = (new bool[count], new bool[count], new bool[count]);
        LastValues = new float[copies];
    }

    /// <summary>T.</summary>
    public int Steps { get; }

    /// <summary>N.</summary>
    public int Copies { get; }

    /// <summary>T·N.</summary>
    public int Count => Steps * Copies;

    /// <summary>Components per observation.</summary>
    public int ObservationSize { get; }

    /// <summary>Floats per action.</summary>
    public int ActionWidth { get; }

    /// <summary>sₜ, [T·N, d].</summary>
    public float[] Observations { get; }

    /// <summary>aₜ, [T·N, width].</summary>
    public float[] Actions { get; }

    /// <summary>rₜ.</summary>
    public float[] Rewards { get; }

    /// <summary>The episode ended in the task at step t.</summary>
    public bool[] Terminated { get; }

    /// <summary>The time limit cut the episode at step t.</summary>
    public bool[] Truncated { get; }

    /// <summary>Terminated or truncated (filled by <see cref="ComputeNextValues"/>).</summary>
    public bool[] Ended { get; }

    /// <summary>V(sₜ).</summary>
    public float[] Values { get; }

    /// <summary>V(final observation) where step t was truncated (other entries unused).</summary>
    public float[] FinalValues { get; }

    /// <summary>V of each copy's observation after the last row, [N].</summary>
    public float[] LastValues { get; }

    /// <summary>log π_old(aₜ|sₜ).</summary>
    public float[] LogProbs { get; }

    /// <summary>The value of the state after step t (0 after a termination), from <see cref="ComputeNextValues"/>.</summary>
    public float[] NextValues { get; }

    /// <summary>Aₜ, from <see cref="ComputeAdvantages"/>.</summary>
    public float[] Advantages { get; }

    /// <summary>The value targets: Aₜ + V(sₜ) after <see cref="ComputeAdvantages"/>, Gₜ after <see cref="ComputeReturnToGo"/>.</summary>
    public float[] Returns { get; }

    /// <summary>Fills <see cref="Ended"/> and <see cref="NextValues"/>: 0 after a termination, the final observation's
    /// value after a truncation, V(sₜ₊₁) otherwise (the last row's from <see cref="LastValues"/>).</summary>
    public void ComputeNextValues()
    {
        for (var i = 0; i < Count; i++)
        {
            Ended[i] = Terminated[i] || Truncated[i];
            NextValues[i] = Terminated[i] ? 0 : Truncated[i] ? FinalValues[i] : i + Copies < Count ? Values[i + Copies] : LastValues[i % Copies];
        }
    }

    /// <summary>GAE(γ, λ) into <see cref="Advantages"/>, and <see cref="Returns"/> = A + V, the value targets.</summary>
    /// <exception cref="ArgumentException">γ or λ outside [0, 1].</exception>
    public void ComputeAdvantages(double gamma, double lambda)
    {
        ComputeNextValues();
        ReturnEstimates.GeneralizedAdvantages(Rewards, Values, Ended, NextValues, Copies, gamma, lambda, Advantages);
        for (var i = 0; i < Count; i++) Returns[i] = Advantages[i] + Values[i];
    }

    /// <summary>The discounted return-to-go into <see cref="Returns"/>, and <see cref="Advantages"/> = G − V.</summary>
    /// <exception cref="ArgumentException">γ outside [0, 1].</exception>
    public void ComputeReturnToGo(double gamma)
    {
        ComputeNextValues();
        ReturnEstimates.ReturnToGo(Rewards, Ended, NextValues, Copies, gamma, Returns);
        for (var i = 0; i < Count; i++) Advantages[i] = Returns[i] - Values[i];
    }
}
