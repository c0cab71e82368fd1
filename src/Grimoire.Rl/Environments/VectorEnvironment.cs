namespace Grimoire.Rl.Environments;

/// <summary>
/// N copies of an environment stepped together, so a rollout is a batch: observations come back as one row-major
/// [N, d] array (<see cref="Tensor"/>-ready), actions go in as one per copy. Copy i is seeded with seed + i on
/// <see cref="Reset"/> and carries its generator on from there. A copy whose episode ends is reset at once (Gymnasium's
/// same-step auto-reset): the observation returned for it is the new episode's first, and the last one of the finished
/// episode is in <see cref="VectorStep.FinalObservations"/> (needed to bootstrap a truncated episode). Finished episodes
/// are recorded in <see cref="Episodes"/>. Not thread-safe.
/// </summary>
public sealed class VectorEnvironment<TAction>
{
    private readonly Environment<float[], TAction>[] _copies;
    private readonly double[] _returns;
    private readonly int[] _lengths;
    private readonly List<EpisodeRecord> _episodes = [];
    private bool _started;

    /// <summary><paramref name="count"/> copies made by <paramref name="make"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="count"/> is not between 1 and 4096.</exception>
    public VectorEnvironment(Func<Environment<float[], TAction>> make, int count)
    {
        ArgumentNullException.ThrowIfNull(make);
        if (count is < 1 or > 4096) throw new ArgumentOutOfRangeException(nameof(count), count, "a vectorised environment has 1 to 4096 copies");
        _copies = [.. Enumerable.Range(0, count).Select(_ => make())];
        if (_copies[0].ObservationSpace is not Spaces.BoxSpace box) throw new ArgumentException($"{_copies[0].Name}: a vectorised environment needs vector observations");
        ObservationSize = box.Dimension;
        (_returns, _lengths) = (new double[count], new int[count]);
    }

    /// <summary>The number of copies.</summary>
    public int Count => _copies.Length;

    /// <summary>Components per observation.</summary>
    public int ObservationSize { get; }

    /// <summary>The first copy, for its name and spaces.</summary>
    public Environment<float[], TAction> Prototype => _copies[0];

    /// <summary>Every episode finished since the last <see cref="Reset"/>, in the order they ended.</summary>
    public IReadOnlyList<EpisodeRecord> Episodes => _episodes;

    /// <summary>Resets every copy (copy i with seed <paramref name="seed"/> + i); the [N, d] first observations.</summary>
    public float[] Reset(ulong seed)
    {
        var observations = new float[Count * ObservationSize];
        for (var i = 0; i < Count; i++) _copies[i].Reset(seed + (ulong)i).CopyTo(observations, i * ObservationSize);
        Array.Clear(_returns);
        Array.Clear(_lengths);
        _episodes.Clear();
        _started = true;
        return observations;
    }

    /// <summary>Every copy's state, the returns and lengths of the episodes under way and the finished episodes, so a
    /// checkpoint can carry on the same episodes.</summary>
    /// <exception cref="InvalidOperationException">no <see cref="Reset"/> yet.</exception>
    /// <exception cref="NotSupportedException">the environment does not expose its state.</exception>
    public VectorSnapshot Snapshot()
    {
        if (!_started) throw new InvalidOperationException($"{Prototype.Name}: call Reset before Snapshot");
        return new VectorSnapshot([.. _copies.Select(c => c.Snapshot())], [.. _returns], [.. _lengths], [.. _episodes]);
    }

    /// <summary>Puts every copy and the episode records back where <paramref name="snapshot"/> was taken.</summary>
    /// <exception cref="ArgumentException">a snapshot of another number of copies, or a copy's state that does not fit.</exception>
    public void Restore(VectorSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        if (snapshot.Copies.Count != Count || snapshot.Returns.Count != Count || snapshot.Lengths.Count != Count)
            throw new ArgumentException($"{Prototype.Name}: a snapshot of {snapshot.Copies.Count} copies cannot restore {Count}", nameof(snapshot));
        for (var i = 0; i < Count; i++) _copies[i].Restore(snapshot.Copies[i]);
        for (var i = 0; i < Count; i++) (_returns[i], _lengths[i]) = (snapshot.Returns[i], snapshot.Lengths[i]);
        _episodes.Clear();
        _episodes.AddRange(snapshot.Episodes);
        _started = true;
    }

    /// <summary>Steps copy i with <paramref name="actions"/>[i].</summary>
    /// <exception cref="InvalidOperationException">no <see cref="Reset"/> yet.</exception>
    /// <exception cref="ArgumentException">not one action per copy, or an action outside the action space.</exception>
    public VectorStep Step(IReadOnlyList<TAction> actions)
    {
        ArgumentNullException.ThrowIfNull(actions);
        if (!_started) throw new InvalidOperationException($"{Prototype.Name}: call Reset before Step");
        if (actions.Count != Count) throw new ArgumentException($"{Prototype.Name}: {actions.Count} actions for {Count} copies", nameof(actions));
        var step = new VectorStep(new float[Count * ObservationSize], new float[Count], new bool[Count], new bool[Count], new float[]?[Count]);
        for (var i = 0; i < Count; i++)
        {
            var result = _copies[i].Step(actions[i]);
            (step.Rewards[i], step.Terminated[i], step.Truncated[i]) = ((float)result.Reward, result.Terminated, result.Truncated);
            _returns[i] += result.Reward;
            _lengths[i]++;
            var observation = result.Observation;
            if (result.Done)
            {
                _episodes.Add(new EpisodeRecord(_returns[i], _lengths[i], result.Truncated, i));
                (_returns[i], _lengths[i]) = (0, 0);
                step.FinalObservations[i] = observation;
                observation = _copies[i].Reset();
            }
            observation.CopyTo(step.Observations, i * ObservationSize);
        }
        return step;
    }
}

/// <summary>One step of every copy: the next observations [N, d] row-major (a reset copy's new first observation), the
/// rewards, the end flags, and for each copy that finished its episode the final observation (null otherwise).</summary>
/// <param name="Observations">[N, d] observations after the step.</param>
/// <param name="Rewards">One reward per copy.</param>
/// <param name="Terminated">Which copies' episodes ended in the task.</param>
/// <param name="Truncated">Which copies' episodes hit the time limit.</param>
/// <param name="FinalObservations">The last observation of each episode that ended on this step.</param>
public sealed record VectorStep(float[] Observations, float[] Rewards, bool[] Terminated, bool[] Truncated, float[]?[] FinalObservations);

/// <summary>A <see cref="VectorEnvironment{TAction}"/> as a checkpoint keeps it.</summary>
/// <param name="Copies">Each copy's snapshot.</param>
/// <param name="Returns">The return so far of each copy's episode under way.</param>
/// <param name="Lengths">The steps so far of each copy's episode under way.</param>
/// <param name="Episodes">The finished episodes.</param>
public sealed record VectorSnapshot(IReadOnlyList<EnvironmentSnapshot> Copies, IReadOnlyList<double> Returns, IReadOnlyList<int> Lengths, IReadOnlyList<EpisodeRecord> Episodes);
