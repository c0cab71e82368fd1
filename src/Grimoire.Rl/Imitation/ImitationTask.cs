using Grimoire.Rl.Catalogue;
using Grimoire.Rl.Environments;

namespace Grimoire.Rl.Imitation;

/// <summary>
/// An environment and its scripted expert seen with float-vector actions, so one imitation loop serves discrete and
/// continuous tasks: a discrete action travels as one component holding its index. The experts the library has are
/// CartPole's (<see cref="CartPoleExpert"/>) and the obstacle course's (<see cref="ObstacleExpert"/>, whose side
/// choices are seeded with the run's seed).
/// </summary>
internal sealed class ImitationTask
{
    private readonly Environment<float[], int>? _discrete;
    private readonly Environment<float[], float[]>? _continuous;
    private readonly Func<float[], float[]> _expert;

    private ImitationTask(EnvironmentEntry entry, Func<float[], float[]> expert)
    {
        (_discrete, _continuous, _expert) = (entry.MakeDiscrete?.Invoke(), entry.MakeContinuous?.Invoke(), expert);
        ObservationSize = ((Spaces.BoxSpace)entry.ObservationSpace).Dimension;
        (ActionSize, DiscreteActions) = entry.ActionSpace switch
        {
            Spaces.DiscreteSpace d => (1, d.Count),
            Spaces.BoxSpace b => (b.Dimension, 0),
            _ => throw new ArgumentException($"{entry.Name}: unsupported action space"),
        };
    }

    /// <summary>Components per observation.</summary>
    public int ObservationSize { get; }

    /// <summary>Components per action (1 when discrete).</summary>
    public int ActionSize { get; }

    /// <summary>The number of discrete actions, 0 for continuous ones.</summary>
    public int DiscreteActions { get; }

    /// <summary>Why no expert demonstrates <paramref name="entry"/>, or null when one does.</summary>
    public static string? NoExpert(EnvironmentEntry entry) =>
        entry.Name is "cartpole" or "obstacle" ? null : $"imitation needs a scripted expert to label states; {entry.Name} has none (cartpole and obstacle do)";

    /// <summary>The task for <paramref name="entry"/>, its expert seeded with <paramref name="seed"/>.</summary>
    public static ImitationTask For(EnvironmentEntry entry, int seed)
    {
        ArgumentNullException.ThrowIfNull(entry);
        if (NoExpert(entry) is { } why) throw new ArgumentException(why, nameof(entry));
        if (entry.Name == "cartpole")
        {
            var cartPole = new CartPoleExpert();
            return new ImitationTask(entry, o => [cartPole.Act(o)]);
        }
        var obstacle = new ObstacleExpert((ulong)seed);
        return new ImitationTask(entry, obstacle.Act);
    }

    /// <summary>The expert's action at <paramref name="observation"/>.</summary>
    public float[] Label(float[] observation) => _expert(observation);

    /// <summary>Starts an episode seeded with <paramref name="seed"/>.</summary>
    public float[] Reset(ulong seed) => _discrete?.Reset(seed) ?? _continuous!.Reset(seed);

    /// <summary>Applies <paramref name="action"/>.</summary>
    public StepResult<float[]> Step(float[] action) => _discrete is not null ? _discrete.Step((int)action[0]) : _continuous!.Step(action);
}
