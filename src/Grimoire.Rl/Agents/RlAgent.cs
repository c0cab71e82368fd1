using Grimoire.Rl.Catalogue;

namespace Grimoire.Rl.Agents;

/// <summary>A trained policy with what its training reported, able to act, to be evaluated and to be saved. Acting is
/// deterministic (the most probable action, the mean of a continuous policy, the greedy action of a Q-network), as
/// evaluation wants. Owns its networks: dispose it. One thread at a time.</summary>
public abstract class RlAgent : IDisposable
{
    /// <summary>The algorithm that trained it.</summary>
    public abstract string Algorithm { get; }

    /// <summary>The environment it acts in.</summary>
    public abstract EnvironmentEntry Environment { get; }

    /// <summary>Steps, episodes, recent mean return and seconds of the training run (zero for an untrained agent).</summary>
    public TrainingFigures Training { get; init; } = new(0, 0, double.NaN, 0);

    /// <summary>The action in a discrete-action environment.</summary>
    /// <exception cref="NotSupportedException">the agent acts in a continuous space.</exception>
    public virtual int ActDiscrete(float[] observation) => throw new NotSupportedException($"{Algorithm} in {Environment.Name} has continuous actions");

    /// <summary>The action in a continuous-action environment.</summary>
    /// <exception cref="NotSupportedException">the agent acts in a discrete space.</exception>
    public virtual float[] ActContinuous(float[] observation) => throw new NotSupportedException($"{Algorithm} in {Environment.Name} has discrete actions");

    /// <summary>Writes a checkpoint that <see cref="RlCatalogue.Load"/> reads back.</summary>
    public abstract void Save(string path);

    /// <summary>Releases the networks.</summary>
    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    /// <summary>Releases the networks when <paramref name="disposing"/>.</summary>
    protected abstract void Dispose(bool disposing);
}

/// <summary>A training run's figures.</summary>
/// <param name="Steps">Environment steps.</param>
/// <param name="Episodes">Episodes finished.</param>
/// <param name="MeanReturn">Mean return of the last (up to 20) episodes.</param>
/// <param name="Seconds">Wall time.</param>
public sealed record TrainingFigures(long Steps, int Episodes, double MeanReturn, double Seconds);
