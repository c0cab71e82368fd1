using Grimoire.Autograd;
using Grimoire.Rl.Catalogue;
using Grimoire.Rl.Environments;
using Grimoire.Rl.Policies;

namespace Grimoire.Rl.Rollouts;

/// <summary>
/// Runs whole episodes for Monte Carlo methods (REINFORCE): K copies of an environment step in lockstep, one policy
/// forward per step for the copies still running, and a copy whose episode ends starts the next one the batch still
/// needs or waits. A batch is returned as one column of episodes laid back to back in the order they ended, in a
/// <see cref="RolloutBuffer"/> with one copy, every episode's last step marked as its end. With a value network, V(sₜ)
/// and, for truncated episodes, V(final observation) are filled in by one forward after the batch. Copy i starts its
/// first episode with seed + i and carries its generator on from there; between batches no episode is under way.
/// </summary>
public sealed class EpisodeCollector
{
    private readonly FloatActionEnvironment[] _copies;
    private readonly ulong _seed;
    private readonly List<EpisodeRecord> _episodes = [];
    private bool _started;

    /// <summary><paramref name="copies"/> copies of <paramref name="environment"/>, seeded from <paramref name="seed"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="copies"/> is not between 1 and 4096.</exception>
    public EpisodeCollector(EnvironmentEntry environment, int copies, ulong seed)
    {
        ArgumentNullException.ThrowIfNull(environment);
        if (copies is < 1 or > 4096) throw new ArgumentOutOfRangeException(nameof(copies), copies, "an episode collector runs 1 to 4096 copies");
        _copies = [.. Enumerable.Range(0, copies).Select(_ => FloatActionEnvironment.Create(environment))];
        ObservationSize = ((Spaces.BoxSpace)environment.ObservationSpace).Dimension;
        _seed = seed;
    }

    /// <summary>Copies stepped together.</summary>
    public int Count => _copies.Length;

    /// <summary>Components per observation.</summary>
    public int ObservationSize { get; }

    /// <summary>Every finished episode, in the order they ended.</summary>
    public IReadOnlyList<EpisodeRecord> Episodes => _episodes;

    /// <summary>Every copy's state and the finished episodes (no episode is under way between batches).</summary>
    public VectorSnapshot Snapshot() => new([.. _copies.Select(c => c.Snapshot())], new double[Count], new int[Count], [.. _episodes]);

    /// <summary>Puts the copies and the episode records back as <paramref name="snapshot"/> holds them.</summary>
    /// <exception cref="ArgumentException">a snapshot of another number of copies, or with an episode under way.</exception>
    public void Restore(VectorSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        if (snapshot.Copies.Count != Count) throw new ArgumentException($"a snapshot of {snapshot.Copies.Count} copies cannot restore {Count}", nameof(snapshot));
        if (snapshot.Copies.Any(c => c.Running)) throw new ArgumentException("an episode collector is saved between batches, with no episode under way", nameof(snapshot));
        for (var i = 0; i < Count; i++) _copies[i].Restore(snapshot.Copies[i]);
        _episodes.Clear();
        _episodes.AddRange(snapshot.Episodes);
        _started = true;
    }

    /// <summary>Runs <paramref name="episodes"/> whole episodes of <paramref name="model"/>'s policy, sampling from
    /// <paramref name="rng"/>, and returns them back to back.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="episodes"/> is below 1.</exception>
    public RolloutBuffer Collect(PolicyModel model, int episodes, Rng rng)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentOutOfRangeException.ThrowIfLessThan(episodes, 1);
        var (d, width) = (ObservationSize, model.Policy.ActionWidth);
        var traces = new Trace?[Count];
        var observations = new float[Count][];
        var finished = new List<Trace>();
        var begun = 0;
        for (var c = 0; c < Count && begun < episodes; c++, begun++) (traces[c], observations[c]) = (new Trace(), Start(c));
        _started = true;
        var active = new List<int>(Count);
        var batch = new float[Count * d];
        var actions = new float[Count * width];
        while (true)
        {
            active.Clear();
            for (var c = 0; c < Count; c++)
                if (traces[c] is not null) active.Add(c);
            if (active.Count == 0) break;
            for (var k = 0; k < active.Count; k++) observations[active[k]].CopyTo(batch, k * d);
            model.Policy.Act(batch.AsSpan(0, active.Count * d), active.Count, rng, actions.AsSpan(0, active.Count * width));
            for (var k = 0; k < active.Count; k++)
            {
                var c = active[k];
                var trace = traces[c]!;
                var action = actions.AsSpan(k * width, width);
                var step = _copies[c].Step(action);
                trace.Add(observations[c], action, step.Reward);
                observations[c] = step.Observation;
                if (!step.Done) continue;
                (trace.Terminated, trace.Final) = (step.Terminated, step.Truncated ? step.Observation : null);
                _episodes.Add(new EpisodeRecord(trace.Return, trace.Length, step.Truncated, c));
                finished.Add(trace);
                traces[c] = null;
                if (begun < episodes)
                {
                    (traces[c], observations[c]) = (new Trace(), Start(c));
                    begun++;
                }
            }
        }
        return Fill(model, finished, d, width);
    }

    private float[] Start(int copy) => _copies[copy].Reset(_started ? null : _seed + (ulong)copy);

    private static RolloutBuffer Fill(PolicyModel model, List<Trace> episodes, int d, int width)
    {
        var buffer = new RolloutBuffer(episodes.Sum(e => e.Length), 1, d, width);
        var row = 0;
        var finals = new List<(int Row, float[] Observation)>();
        foreach (var e in episodes)
        {
            e.Observations.CopyTo(buffer.Observations, row * d);
            e.Actions.CopyTo(buffer.Actions, row * width);
            e.Rewards.CopyTo(buffer.Rewards, row);
            row += e.Length;
            (buffer.Terminated[row - 1], buffer.Truncated[row - 1]) = (e.Terminated, !e.Terminated);
            if (e.Final is { } final) finals.Add((row - 1, final));
        }
        if (model.Value is null) return buffer;
        using var noGrad = GradMode.NoGrad();
        using var scope = new TensorScope();
        var all = new float[(buffer.Count + finals.Count) * d];
        buffer.Observations.CopyTo(all, 0);
        for (var f = 0; f < finals.Count; f++) finals[f].Observation.CopyTo(all, (buffer.Count + f) * d);
        var values = model.Value.Forward(Tensor.FromArray(all, new Shape(buffer.Count + finals.Count, d))).ToArray<float>();
        values.AsSpan(0, buffer.Count).CopyTo(buffer.Values);
        for (var f = 0; f < finals.Count; f++) buffer.FinalValues[finals[f].Row] = values[buffer.Count + f];
        return buffer;
    }

    /// <summary>One episode as it is collected.</summary>
    private sealed class Trace
    {
        public List<float> Observations { get; } = [];

        public List<float> Actions { get; } = [];

        public List<float> Rewards { get; } = [];

        public bool Terminated { get; set; }

        public float[]? Final { get; set; }

        public int Length => Rewards.Count;

        public double Return { get; private set; }

        public void Add(float[] observation, ReadOnlySpan<float> action, double reward)
        {
            Observations.AddRange(observation);
            Actions.AddRange(action);
            Rewards.Add((float)reward);
            Return += reward;
        }
    }
}
