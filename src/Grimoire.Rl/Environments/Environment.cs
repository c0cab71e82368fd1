using Grimoire.Rl.Spaces;

namespace Grimoire.Rl.Environments;

/// <summary>
/// An episodic task in Gymnasium's form (book §21.1–21.3: states, actions, rewards, transitions): <see cref="Reset"/>
/// with a seed gives the first observation, <see cref="Step"/> an action gives the next one with its reward and whether
/// the episode ended. The base class keeps the contract every environment shares: a step needs a reset first and none
/// after the episode ended, actions outside <see cref="ActionSpace"/> are refused with an <see cref="ArgumentException"/>
/// naming them, episodes are cut at <see cref="MaxEpisodeSteps"/> (truncated), and all randomness comes from one
/// seeded generator, so the same seed and actions give the same episode bit for bit. Not thread-safe.
/// </summary>
public abstract class Environment<TObservation, TAction> : IEnvironmentInfo
{
    private bool _running;

    /// <inheritdoc/>
    public abstract string Name { get; }

    /// <inheritdoc/>
    public abstract string BookSection { get; }

    /// <inheritdoc/>
    public abstract Space ObservationSpace { get; }

    /// <inheritdoc/>
    public abstract Space ActionSpace { get; }

    /// <inheritdoc/>
    public abstract int MaxEpisodeSteps { get; }

    /// <summary>The generator behind starts and any noise, re-seeded by <see cref="Reset"/> with a seed.</summary>
    protected Rng Random { get; private set; } = new(0);

    /// <summary>Steps taken in the current episode.</summary>
    public int EpisodeStep { get; private set; }

    /// <summary>Starts an episode; with a <paramref name="seed"/> the generator restarts from it (as Gymnasium's
    /// <c>reset(seed=…)</c>), without one it carries on, so consecutive episodes differ.</summary>
    public TObservation Reset(ulong? seed = null)
    {
        if (seed is { } s) Random = new Rng(s);
        (EpisodeStep, _running) = (0, true);
        return Start();
    }

    /// <summary>Applies <paramref name="action"/>.</summary>
    /// <exception cref="InvalidOperationException">no episode is running (no reset yet, or it ended).</exception>
    /// <exception cref="ArgumentException">the action is not in <see cref="ActionSpace"/>.</exception>
    public StepResult<TObservation> Step(TAction action)
    {
        if (!_running) throw new InvalidOperationException($"{Name}: call Reset before Step (no episode is running)");
        if (Invalid(action) is { } problem) throw new ArgumentException($"{Name}: action {problem}; the action space is {ActionSpace.Describe()}", nameof(action));
        var (observation, reward, terminated) = Advance(action);
        EpisodeStep++;
        var truncated = !terminated && EpisodeStep >= MaxEpisodeSteps;
        _running = !(terminated || truncated);
        return new StepResult<TObservation>(observation, reward, terminated, truncated);
    }

    /// <summary>Everything the next steps depend on (the generator, the step count, whether an episode runs, the task's
    /// state), so a training checkpoint can carry on an episode where it was.</summary>
    /// <exception cref="NotSupportedException">the environment does not expose its state.</exception>
    public EnvironmentSnapshot Snapshot() => new(Random.State, EpisodeStep, _running, SaveState());

    /// <summary>Puts the environment back where <paramref name="snapshot"/> was taken; the next steps are those that
    /// followed it.</summary>
    /// <exception cref="ArgumentException">the snapshot's state does not fit this environment.</exception>
    /// <exception cref="NotSupportedException">the environment does not expose its state.</exception>
    public void Restore(EnvironmentSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        if (snapshot.EpisodeStep < 0 || snapshot.EpisodeStep > MaxEpisodeSteps)
            throw new ArgumentException($"{Name}: a snapshot's episode step must be between 0 and {MaxEpisodeSteps}, got {snapshot.EpisodeStep}", nameof(snapshot));
        var random = new Rng(0) { State = snapshot.Random };
        RestoreState(snapshot.State);
        Random = random;
        (EpisodeStep, _running) = (snapshot.EpisodeStep, snapshot.Running);
    }

    /// <summary>The task's state as numbers (CartPole's x, ẋ, θ, θ̇), for <see cref="Snapshot"/>.</summary>
    /// <exception cref="NotSupportedException">by default: an environment that keeps no state in numbers cannot be saved.</exception>
    protected virtual double[] SaveState() => throw new NotSupportedException($"{Name} cannot save its state, so a run in it cannot be checkpointed mid-episode");

    /// <summary>Sets the task's state from what <see cref="SaveState"/> gave.</summary>
    /// <exception cref="ArgumentException">not as many numbers as <see cref="SaveState"/> gives.</exception>
    protected virtual void RestoreState(ReadOnlySpan<double> state) => throw new NotSupportedException($"{Name} cannot restore its state");

    /// <summary>Throws unless <paramref name="state"/> has <paramref name="length"/> numbers.</summary>
    /// <exception cref="ArgumentException">another length.</exception>
    protected void CheckStateLength(ReadOnlySpan<double> state, int length)
    {
        if (state.Length != length) throw new ArgumentException($"{Name}: a saved state has {length} numbers, got {state.Length}", nameof(state));
    }

    /// <summary>The first state of an episode, drawn from <see cref="Random"/>, as an observation.</summary>
    protected abstract TObservation Start();

    /// <summary>One transition from the current state: the next observation, the reward, and whether the task ended.</summary>
    protected abstract (TObservation Observation, double Reward, bool Terminated) Advance(TAction action);

    /// <summary>What is wrong with <paramref name="action"/> ("3 is not in 0..1"), or null when it is valid.</summary>
    protected abstract string? Invalid(TAction action);
}
