namespace Grimoire.Rl.ValueBased;

/// <summary>
/// Deep Q-learning's memory (book §28.1): the last <see cref="Capacity"/> transitions (s, a, r, s′, terminated) in a
/// circular store, the oldest overwritten first, sampled uniformly with replacement from a seeded generator (as
/// Stable-Baselines3 and CleanRL do), so the same seed draws the same batches. Only termination is stored: a
/// time-limit cut still bootstraps from s′ (Gymnasium's terminated/truncated split). Not thread-safe.
/// </summary>
public sealed class ReplayBuffer
{
    private readonly float[] _observations, _nextObservations, _rewards, _terminated;
    private readonly int[] _actions;

    /// <summary>An empty buffer of <paramref name="capacity"/> transitions of <paramref name="observationSize"/>-component observations.</summary>
    /// <exception cref="ArgumentOutOfRangeException">a capacity or size below 1, or a store of more than
    /// <see cref="Array.MaxLength"/> floats.</exception>
    public ReplayBuffer(int capacity, int observationSize)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(observationSize, 1);
        var floats = (long)capacity * observationSize;
        if (floats > Array.MaxLength)
            throw new ArgumentOutOfRangeException(nameof(capacity), capacity, $"{capacity} transitions of {observationSize} components need {floats} floats, more than an array holds");
        (Capacity, ObservationSize) = (capacity, observationSize);
        (_observations, _nextObservations) = (new float[floats], new float[floats]);
        (_actions, _rewards, _terminated) = (new int[capacity], new float[capacity], new float[capacity]);
    }

    /// <summary>The most transitions kept.</summary>
    public int Capacity { get; }

    /// <summary>Components per observation.</summary>
    public int ObservationSize { get; }

    /// <summary>Transitions held, at most <see cref="Capacity"/>.</summary>
    public int Count { get; private set; }

    /// <summary>The slot the next transition is written to (the oldest one once the buffer is full).</summary>
    public int Position { get; private set; }

    /// <summary>Stores one transition, overwriting the oldest when full.</summary>
    /// <exception cref="ArgumentException">an observation of the wrong size.</exception>
    public void Add(ReadOnlySpan<float> observation, int action, float reward, ReadOnlySpan<float> nextObservation, bool terminated)
    {
        if (observation.Length != ObservationSize || nextObservation.Length != ObservationSize)
            throw new ArgumentException($"a transition's observations must have {ObservationSize} components, got {observation.Length} and {nextObservation.Length}");
        var at = Position * ObservationSize;
        observation.CopyTo(_observations.AsSpan(at, ObservationSize));
        nextObservation.CopyTo(_nextObservations.AsSpan(at, ObservationSize));
        (_actions[Position], _rewards[Position], _terminated[Position]) = (action, reward, terminated ? 1f : 0f);
        Position = (Position + 1) % Capacity;
        Count = Math.Min(Count + 1, Capacity);
    }

    /// <summary><paramref name="size"/> slots drawn uniformly with replacement from those filled.</summary>
    /// <exception cref="InvalidOperationException">the buffer is empty.</exception>
    public int[] SampleIndices(int size, Rng rng)
    {
        ArgumentNullException.ThrowIfNull(rng);
        ArgumentOutOfRangeException.ThrowIfLessThan(size, 1);
        if (Count == 0) throw new InvalidOperationException("cannot sample from an empty replay buffer");
        var indices = new int[size];
        for (var i = 0; i < size; i++) indices[i] = rng.NextInt(Count);
        return indices;
    }

    /// <summary>The transitions at <paramref name="indices"/> as arrays: observations [n·d], actions, rewards, 0/1
    /// termination flags and next observations [n·d].</summary>
    public TransitionBatch Gather(IReadOnlyList<int> indices)
    {
        ArgumentNullException.ThrowIfNull(indices);
        var n = indices.Count;
        var batch = new TransitionBatch(new float[n * ObservationSize], new int[n], new float[n], new float[n], new float[n * ObservationSize]);
        for (var i = 0; i < n; i++)
        {
            var slot = indices[i];
            if (slot < 0 || slot >= Count) throw new ArgumentOutOfRangeException(nameof(indices), slot, $"slot must be below the {Count} transitions held");
            _observations.AsSpan(slot * ObservationSize, ObservationSize).CopyTo(batch.Observations.AsSpan(i * ObservationSize));
            _nextObservations.AsSpan(slot * ObservationSize, ObservationSize).CopyTo(batch.NextObservations.AsSpan(i * ObservationSize));
            (batch.Actions[i], batch.Rewards[i], batch.Terminated[i]) = (_actions[slot], _rewards[slot], _terminated[slot]);
        }
        return batch;
    }

    /// <summary>The whole store as named tensors, for a checkpoint (the fill level is metadata: <see cref="Count"/>,
    /// <see cref="Position"/>).</summary>
    internal IReadOnlyList<(string Name, Tensor Tensor)> ToTensors() =>
    [
        ("replay.observations", Tensor.FromArray(_observations, new Shape(Capacity, ObservationSize))),
        ("replay.next_observations", Tensor.FromArray(_nextObservations, new Shape(Capacity, ObservationSize))),
        ("replay.actions", Tensor.FromArray(_actions, new Shape(Capacity))),
        ("replay.rewards", Tensor.FromArray(_rewards, new Shape(Capacity))),
        ("replay.terminated", Tensor.FromArray(_terminated, new Shape(Capacity))),
    ];

    /// <summary>Restores the store from tensors shaped as <see cref="ToTensors"/> makes them, and its fill level.</summary>
    /// <exception cref="ArgumentOutOfRangeException">a count or position that does not fit the capacity.</exception>
    internal void Restore(IReadOnlyList<(string Name, Tensor Tensor)> tensors, int count, int position)
    {
        if (count < 0 || count > Capacity) throw new ArgumentOutOfRangeException(nameof(count), count, $"a replay buffer of capacity {Capacity} holds 0 to {Capacity} transitions");
        if (position < 0 || position >= Capacity || (count < Capacity && position != count))
            throw new ArgumentOutOfRangeException(nameof(position), position, $"the write position does not fit {count} of {Capacity} transitions");
        var byName = tensors.ToDictionary(t => t.Name, t => t.Tensor);
        byName["replay.observations"].ToArray<float>().CopyTo(_observations, 0);
        byName["replay.next_observations"].ToArray<float>().CopyTo(_nextObservations, 0);
        byName["replay.actions"].ToArray<int>().CopyTo(_actions, 0);
        byName["replay.rewards"].ToArray<float>().CopyTo(_rewards, 0);
        byName["replay.terminated"].ToArray<float>().CopyTo(_terminated, 0);
        (Count, Position) = (count, position);
    }
}

/// <summary>Sampled transitions as flat arrays, row i of each belonging to transition i.</summary>
/// <param name="Observations">s, [n·d] row-major.</param>
/// <param name="Actions">a.</param>
/// <param name="Rewards">r.</param>
/// <param name="Terminated">1 where the episode ended in the task at s′ (no bootstrap), 0 otherwise.</param>
/// <param name="NextObservations">s′, [n·d] row-major.</param>
public sealed record TransitionBatch(float[] Observations, int[] Actions, float[] Rewards, float[] Terminated, float[] NextObservations);
