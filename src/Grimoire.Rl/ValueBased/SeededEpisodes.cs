using System.Globalization;
using Grimoire.Nn.Checkpoints;
using Grimoire.Rl.Environments;

namespace Grimoire.Rl.ValueBased;

/// <summary>
/// K copies of a discrete-action environment stepped together, where episode n (counted over all copies, in the order
/// they start) is reset with seed ((run seed + 1) · 2³²) + n. So each copy's whole state is its episode's number and the
/// actions taken in it so far, and a checkpoint stores just those: resuming replays the actions, which reproduces the
/// episode bit for bit (environments are deterministic given a seed and actions). The seeds lie at or above 2³², apart
/// from the evaluation seeds of `grimoire rl train`. Unlike <see cref="VectorEnvironment{TAction}"/>, whose copies carry
/// their generators on, nothing here needs a snapshot of an environment's private state. Not thread-safe.
/// </summary>
internal sealed class SeededEpisodes
{
    private readonly Environment<float[], int>[] _copies;
    private readonly int _seed;
    private readonly long[] _episodeOf;
    private readonly List<int>[] _actions;
    private readonly double[] _returns;
    private readonly List<EpisodeRecord> _finished = [];
    private long _started;

    /// <summary><paramref name="count"/> copies made by <paramref name="make"/>, for the run seeded with <paramref name="seed"/>.</summary>
    public SeededEpisodes(Func<Environment<float[], int>> make, int count, int seed)
    {
        ArgumentNullException.ThrowIfNull(make);
        if (count is < 1 or > 4096) throw new ArgumentOutOfRangeException(nameof(count), count, "1 to 4096 copies");
        ArgumentOutOfRangeException.ThrowIfNegative(seed);
        _copies = [.. Enumerable.Range(0, count).Select(_ => make())];
        _seed = seed;
        ObservationSize = _copies[0].ObservationSpace is Spaces.BoxSpace box ? box.Dimension : throw new ArgumentException($"{_copies[0].Name}: needs vector observations");
        (_episodeOf, _returns) = (new long[count], new double[count]);
        _actions = [.. Enumerable.Range(0, count).Select(_ => new List<int>())];
        Observations = new float[count * ObservationSize];
        for (var i = 0; i < count; i++) Begin(i);
    }

    /// <summary>The seed of episode <paramref name="episode"/> of the run seeded with <paramref name="seed"/>: ((seed + 1) · 2³²) + episode.</summary>
    public static ulong SeedOf(int seed, long episode)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(seed);
        if (episode is < 0 or >= 1L << 32) throw new ArgumentOutOfRangeException(nameof(episode), episode, "a run has at most 2^32 episodes");
        return (((ulong)seed + 1) << 32) + (ulong)episode;
    }

    /// <summary>Copies stepped together.</summary>
    public int Count => _copies.Length;

    /// <summary>Components per observation.</summary>
    public int ObservationSize { get; }

    /// <summary>The current observation of every copy, [K·d] row-major.</summary>
    public float[] Observations { get; }

    /// <summary>Every finished episode, in the order they ended.</summary>
    public IReadOnlyList<EpisodeRecord> Episodes => _finished;

    /// <summary>Steps copy i with <paramref name="actions"/>[i]; the result holds each copy's reward, whether its episode
    /// terminated, and s′ (the final observation of an episode that ended, before the copy starts its next one).</summary>
    public (float[] Next, float[] Rewards, bool[] Terminated) Step(IReadOnlyList<int> actions)
    {
        ArgumentNullException.ThrowIfNull(actions);
        if (actions.Count != Count) throw new ArgumentException($"{actions.Count} actions for {Count} copies", nameof(actions));
        var (next, rewards, terminated) = (new float[Observations.Length], new float[Count], new bool[Count]);
        for (var i = 0; i < Count; i++)
        {
            var step = _copies[i].Step(actions[i]);
            _actions[i].Add(actions[i]);
            _returns[i] += step.Reward;
            (rewards[i], terminated[i]) = ((float)step.Reward, step.Terminated);
            step.Observation.CopyTo(next, i * ObservationSize);
            if (!step.Done)
            {
                step.Observation.CopyTo(Observations, i * ObservationSize);
                continue;
            }
            _finished.Add(new EpisodeRecord(_returns[i], _actions[i].Count, step.Truncated, i));
            Begin(i);
        }
        return (next, rewards, terminated);
    }

    /// <summary>The state as metadata ("episodes.started", "episodes.finished", per copy "episodes.copy.i": its episode number) and tensors:
    /// each copy's actions so far, padded to the time limit, and their count; every finished episode's return, length,
    /// truncation and copy (the names the policy-gradient agents use, so one report script reads the learning curves of both).</summary>
    public (Dictionary<string, string> Metadata, List<(string Name, Tensor Tensor)> Tensors) Save()
    {
        var metadata = new Dictionary<string, string> { ["episodes.started"] = Text(_started), ["episodes.finished"] = Text(_finished.Count) };
        for (var i = 0; i < Count; i++) metadata[$"episodes.copy.{i}"] = Text(_episodeOf[i]);
        return (metadata, StateTensors(Count, _copies[0].MaxEpisodeSteps, _finished.Count, fill: true));
    }

    /// <summary>Zero tensors shaped as <see cref="Save"/> writes them for a run with <paramref name="finished"/> finished episodes.</summary>
    public List<(string Name, Tensor Tensor)> EmptyState(int finished) => StateTensors(Count, _copies[0].MaxEpisodeSteps, finished, fill: false);

    /// <summary>Puts every copy back where the saved run was: its episode restarted from its seed and its actions replayed.</summary>
    /// <exception cref="CheckpointException">the saved state does not replay (a different environment, or damaged values).</exception>
    public void Restore(string path, IReadOnlyDictionary<string, string> metadata, IReadOnlyList<(string Name, Tensor Tensor)> tensors)
    {
        var byName = tensors.ToDictionary(t => t.Name, t => t.Tensor);
        var (actions, lengths) = (byName["episodes.actions"].ToArray<int>(), byName["episodes.in_progress"].ToArray<int>());
        var (returns, steps, truncated, copies) = (byName["episodes.return"].ToArray<double>(), byName["episodes.length"].ToArray<int>(),
            byName["episodes.truncated"].ToArray<int>(), byName["episodes.copy"].ToArray<int>());
        _started = Number(path, metadata, "episodes.started");
        _finished.Clear();
        for (var e = 0; e < returns.Length; e++) _finished.Add(new EpisodeRecord(returns[e], steps[e], truncated[e] != 0, copies[e]));
        var limit = _copies[0].MaxEpisodeSteps;
        for (var i = 0; i < Count; i++)
        {
            _episodeOf[i] = Number(path, metadata, $"episodes.copy.{i}");
            if (_episodeOf[i] >= _started || lengths[i] < 0 || lengths[i] >= limit) throw new CheckpointException($"{path}: copy {i}'s episode state is out of range");
            Replay(i, actions.AsSpan(i * limit, lengths[i]), path);
        }
    }

    private void Begin(int copy)
    {
        _episodeOf[copy] = _started++;
        (_returns[copy], _actions[copy]) = (0, []);
        _copies[copy].Reset(SeedOf(_seed, _episodeOf[copy])).CopyTo(Observations, copy * ObservationSize);
    }

    private void Replay(int copy, ReadOnlySpan<int> actions, string path)
    {
        (_returns[copy], _actions[copy]) = (0, []);
        var observation = _copies[copy].Reset(SeedOf(_seed, _episodeOf[copy]));
        foreach (var action in actions)
        {
            var step = _copies[copy].Step(action);
            if (step.Done) throw new CheckpointException($"{path}: copy {copy}'s saved actions end its episode early; the checkpoint is from another environment or damaged");
            (_returns[copy], observation) = (_returns[copy] + step.Reward, step.Observation);
            _actions[copy].Add(action);
        }
        observation.CopyTo(Observations, copy * ObservationSize);
    }

    private List<(string Name, Tensor Tensor)> StateTensors(int copies, int limit, int finished, bool fill)
    {
        var (actions, lengths) = (new int[copies * limit], new int[copies]);
        var (returns, steps, truncated, copy) = (new double[finished], new int[finished], new int[finished], new int[finished]);
        if (fill)
        {
            for (var i = 0; i < copies; i++)
            {
                _actions[i].CopyTo(actions, i * limit);
                lengths[i] = _actions[i].Count;
            }
            for (var e = 0; e < finished; e++)
                (returns[e], steps[e], truncated[e], copy[e]) = (_finished[e].Return, _finished[e].Length, _finished[e].Truncated ? 1 : 0, _finished[e].Copy);
        }
        return
        [
            ("episodes.actions", Tensor.FromArray(actions, new Shape(copies, limit))),
            ("episodes.in_progress", Tensor.FromArray(lengths, new Shape(copies))),
            ("episodes.return", Tensor.FromArray(returns, new Shape(finished))),
            ("episodes.length", Tensor.FromArray(steps, new Shape(finished))),
            ("episodes.truncated", Tensor.FromArray(truncated, new Shape(finished))),
            ("episodes.copy", Tensor.FromArray(copy, new Shape(finished))),
        ];
    }

    private static string Text(long value) => value.ToString(CultureInfo.InvariantCulture);

    private static long Number(string path, IReadOnlyDictionary<string, string> metadata, string key) =>
        metadata.TryGetValue(key, out var text) && long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new CheckpointException($"{path}: metadata '{key}' is missing or not a count");
}
