using Grimoire.Rl.Spaces;

namespace Grimoire.Rl.Environments;

/// <summary>
/// The imitation chapters' task (book §22–24): a point starts below a round obstacle (x within ±0.02 of 0, y = −1) and
/// must reach the goal above it (within <see cref="GoalRadius"/> of (0, 1)). The action is a velocity in [−1, 1]²
/// (clipped), moving the point by <see cref="Speed"/> times it per step. Each step costs 0.01; reaching the goal gives
/// +1 and ends the episode, touching the obstacle (radius <see cref="ObstacleRadius"/> at the origin) gives −1 and
/// ends it; truncated at 100 steps. Going round on the left and on the right are equally good, so an expert's
/// demonstrations are bimodal where the two routes part (<see cref="ObstacleExpert"/>): a policy that averages them
/// drives straight into the obstacle.
/// </summary>
public sealed class ObstacleCourse : Environment<float[], float[]>
{
    /// <summary>Distance moved per step at full speed.</summary>
    public const double Speed = 0.1;

    /// <summary>The obstacle's radius, centred at the origin.</summary>
    public const double ObstacleRadius = 0.4;

    /// <summary>How near the goal (0, 1) counts as reaching it.</summary>
    public const double GoalRadius = 0.15;

    private const double Bound = 1.5;
    private double _x, _y;

    /// <inheritdoc/>
    public override string Name => "obstacle";

    /// <inheritdoc/>
    public override string BookSection => "§22–24";

    /// <summary>The position [x, y], each within ±1.5.</summary>
    public override Space ObservationSpace { get; } = BoxSpace.Uniform(2, (float)-Bound, (float)Bound);

    /// <summary>A velocity [vx, vy]; components outside [−1, 1] are clipped.</summary>
    public override Space ActionSpace { get; } = BoxSpace.Uniform(2, -1, 1);

    /// <inheritdoc/>
    public override int MaxEpisodeSteps => 100;

    /// <summary>Whether the last step reached the goal (the success the imitation reports count).</summary>
    public bool ReachedGoal { get; private set; }

    /// <summary>Whether the last step hit the obstacle.</summary>
    public bool Collided { get; private set; }

    /// <inheritdoc/>
    protected override float[] Start()
    {
        (_x, _y, ReachedGoal, Collided) = (Random.NextDouble() * 0.04 - 0.02, -1, false, false);
        return [(float)_x, (float)_y];
    }

    /// <inheritdoc/>
    protected override (float[] Observation, double Reward, bool Terminated) Advance(float[] action)
    {
        _x = Math.Clamp(_x + Speed * Math.Clamp(action[0], -1, 1), -Bound, Bound);
        _y = Math.Clamp(_y + Speed * Math.Clamp(action[1], -1, 1), -Bound, Bound);
        Collided = _x * _x + _y * _y < ObstacleRadius * ObstacleRadius;
        ReachedGoal = !Collided && _x * _x + (_y - 1) * (_y - 1) < GoalRadius * GoalRadius;
        var reward = Collided ? -1.0 : ReachedGoal ? 1.0 : -0.01;
        return ([(float)_x, (float)_y], reward, Collided || ReachedGoal);
    }

    /// <inheritdoc/>
    protected override double[] SaveState() => [_x, _y, ReachedGoal ? 1 : 0, Collided ? 1 : 0];

    /// <inheritdoc/>
    protected override void RestoreState(ReadOnlySpan<double> state)
    {
        CheckStateLength(state, 4);
        (_x, _y, ReachedGoal, Collided) = (state[0], state[1], state[2] != 0, state[3] != 0);
    }

    /// <inheritdoc/>
    protected override string? Invalid(float[] action) =>
        action is null ? "is null" : action.Length != 2 ? $"has {action.Length} components, not 2" : action.Any(float.IsNaN) ? "has a NaN component" : null;
}
