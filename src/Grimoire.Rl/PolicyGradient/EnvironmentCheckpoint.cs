using Grimoire.Nn.Checkpoints;
using Grimoire.Rl.Environments;

namespace Grimoire.Rl.PolicyGradient;

/// <summary>The environments of a training run as checkpoint tensors ("state.env.*", "state.episodes.*") and generators
/// ("rng.env.&lt;i&gt;"): every copy's task state, step count and running flag, the returns and lengths of the episodes
/// under way, the current observations, and every finished episode, so a resumed run steps the same episodes on.</summary>
internal static class EnvironmentCheckpoint
{
    private const string State = "env.state", Step = "env.step", Running = "env.running", Return = "env.return", Length = "env.length",
        Observation = "env.observation", EpisodeReturn = "episodes.return", EpisodeLength = "episodes.length", EpisodeTruncated = "episodes.truncated",
        EpisodeCopy = "episodes.copy";

    /// <summary>The generator name of copy <paramref name="copy"/>.</summary>
    public static string Generator(int copy) => $"env.{copy.ToString(System.Globalization.CultureInfo.InvariantCulture)}";

    /// <summary>The tensors and generators that hold <paramref name="snapshot"/> and the current <paramref name="observations"/>.</summary>
    public static (List<(string Name, Tensor Tensor)> Tensors, Dictionary<string, Rng> Generators) Write(VectorSnapshot snapshot, float[] observations)
    {
        var (copies, episodes) = (snapshot.Copies.Count, snapshot.Episodes.Count);
        var width = snapshot.Copies[0].State.Length;
        var tensors = new List<(string, Tensor)>
        {
            (State, Tensor.FromArray(snapshot.Copies.SelectMany(c => c.State).ToArray(), new Shape(copies, width))),
            (Step, Tensor.FromArray(snapshot.Copies.Select(c => c.EpisodeStep).ToArray())),
            (Running, Tensor.FromArray(snapshot.Copies.Select(c => c.Running ? 1 : 0).ToArray())),
            (Return, Tensor.FromArray(snapshot.Returns.ToArray())),
            (Length, Tensor.FromArray(snapshot.Lengths.ToArray())),
            (Observation, Tensor.FromArray(observations, new Shape(copies, observations.Length / copies))),
            (EpisodeReturn, Tensor.FromArray(snapshot.Episodes.Select(e => e.Return).ToArray(), new Shape(episodes))),
            (EpisodeLength, Tensor.FromArray(snapshot.Episodes.Select(e => e.Length).ToArray(), new Shape(episodes))),
            (EpisodeTruncated, Tensor.FromArray(snapshot.Episodes.Select(e => e.Truncated ? 1 : 0).ToArray(), new Shape(episodes))),
            (EpisodeCopy, Tensor.FromArray(snapshot.Episodes.Select(e => e.Copy).ToArray(), new Shape(episodes))),
        };
        var generators = snapshot.Copies.Select((c, i) => (i, c)).ToDictionary(p => Generator(p.i), p => new Rng(0) { State = p.c.Random });
        return (tensors, generators);
    }

    /// <summary>Empty tensors of the shapes the checkpoint at <paramref name="path"/> stores, after checking they fit
    /// <paramref name="copies"/> copies with <paramref name="observationSize"/>-component observations; Checkpoint.Load fills them.</summary>
    /// <exception cref="CheckpointException">a tensor missing or of another shape.</exception>
    public static List<(string Name, Tensor Tensor)> Targets(string path, IReadOnlyList<Grimoire.IO.StoredTensor> stored, int copies, int observationSize)
    {
        int[] Shape(string name) => stored.FirstOrDefault(t => t.Name == "state." + name)?.Shape
            ?? throw new CheckpointException($"{path}: tensor 'state.{name}' is missing (an agent saved after training, not a training checkpoint?)");
        var width = Shape(State) is [var n, var w] && n == copies ? w
            : throw new CheckpointException($"{path}: 'state.{State}' is [{string.Join(", ", Shape(State))}], not one row per copy of {copies}");
        var episodes = Shape(EpisodeReturn) is [var e] ? e : throw new CheckpointException($"{path}: 'state.{EpisodeReturn}' is not a vector");
        return
        [
            (State, Tensor.Zeros(new Shape(copies, width), DType.Float64)),
            (Step, Tensor.Zeros(new Shape(copies), DType.Int32)),
            (Running, Tensor.Zeros(new Shape(copies), DType.Int32)),
            (Return, Tensor.Zeros(new Shape(copies), DType.Float64)),
            (Length, Tensor.Zeros(new Shape(copies), DType.Int32)),
            (Observation, Tensor.Zeros(new Shape(copies, observationSize))),
            (EpisodeReturn, Tensor.Zeros(new Shape(episodes), DType.Float64)),
            (EpisodeLength, Tensor.Zeros(new Shape(episodes), DType.Int32)),
            (EpisodeTruncated, Tensor.Zeros(new Shape(episodes), DType.Int32)),
            (EpisodeCopy, Tensor.Zeros(new Shape(episodes), DType.Int32)),
        ];
    }

    /// <summary>The snapshot and observations that <paramref name="tensors"/> (filled by a load) and the generators hold.</summary>
    public static (VectorSnapshot Snapshot, float[] Observations) Read(List<(string Name, Tensor Tensor)> tensors, IReadOnlyDictionary<string, Rng> generators)
    {
        T[] Values<T>(string name) where T : unmanaged => tensors.First(t => t.Name == name).Tensor.ToArray<T>();
        var state = tensors.First(t => t.Name == State).Tensor;
        var (copies, width) = (state.Shape[0], state.Shape[1]);
        var (states, steps, running) = (state.ToArray<double>(), Values<int>(Step), Values<int>(Running));
        var snapshots = Enumerable.Range(0, copies)
            .Select(i => new EnvironmentSnapshot(generators[Generator(i)].State, steps[i], running[i] != 0, states[(i * width)..((i + 1) * width)]))
            .ToArray();
        var (returns, lengths, truncated, copy) = (Values<double>(EpisodeReturn), Values<int>(EpisodeLength), Values<int>(EpisodeTruncated), Values<int>(EpisodeCopy));
        var episodes = Enumerable.Range(0, returns.Length).Select(e => new EpisodeRecord(returns[e], lengths[e], truncated[e] != 0, copy[e])).ToArray();
        return (new VectorSnapshot(snapshots, Values<double>(Return), Values<int>(Length), episodes), Values<float>(Observation));
    }
}
