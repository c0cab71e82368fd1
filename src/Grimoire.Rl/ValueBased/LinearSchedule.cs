namespace Grimoire.Rl.ValueBased;

/// <summary>ε for ε-greedy exploration (book §28.3): from <see cref="Start"/> down to <see cref="End"/> in a straight
/// line over the first <see cref="Steps"/> environment steps, then flat.</summary>
public sealed record LinearSchedule
{
    /// <summary>A schedule from <paramref name="start"/> to <paramref name="end"/> over <paramref name="steps"/> steps.</summary>
    /// <exception cref="ArgumentOutOfRangeException">a value outside [0, 1], or a negative step count.</exception>
    public LinearSchedule(double start, double end, long steps)
    {
        if (!(start is >= 0 and <= 1)) throw new ArgumentOutOfRangeException(nameof(start), start, "the starting epsilon must lie in [0, 1]");
        if (!(end is >= 0 and <= 1)) throw new ArgumentOutOfRangeException(nameof(end), end, "the final epsilon must lie in [0, 1]");
        ArgumentOutOfRangeException.ThrowIfNegative(steps);
        (Start, End, Steps) = (start, end, steps);
    }

    /// <summary>ε at step 0.</summary>
    public double Start { get; }

    /// <summary>ε from <see cref="Steps"/> on.</summary>
    public double End { get; }

    /// <summary>Steps over which ε falls (0: <see cref="End"/> from the start).</summary>
    public long Steps { get; }

    /// <summary>ε after <paramref name="step"/> environment steps.</summary>
    public double At(long step) => step >= Steps ? End : Start + (End - Start) * step / Steps;
}
