using Grimoire.IO;
using Grimoire.Ml;
using Grimoire.Ml.Models;
using Grimoire.Nn.Checkpoints;
using Grimoire.Rl.Agents;
using Grimoire.Rl.Environments;

namespace Grimoire.Rl.Catalogue;

/// <summary>Every environment and algorithm of the RL library by name (`grimoire rl envs`, `grimoire rl algos`), and
/// loading a saved agent of any of them. An application adds its own algorithms with <see cref="Add"/>.</summary>
public static class RlCatalogue
{
    /// <summary>The metadata key naming the algorithm in an agent's checkpoint.</summary>
    public const string AlgorithmKey = "rl.algo";

    /// <summary>The metadata key naming the environment in an agent's checkpoint.</summary>
    public const string EnvironmentKey = "rl.env";

    private static readonly NamedCatalogue<IRlAlgorithm> s_algorithms = new("RL algorithm", "algorithms", a => a.Name, BuiltInAlgorithms.All);

    /// <summary>The built-in environments.</summary>
    public static IReadOnlyList<EnvironmentEntry> Environments { get; } =
    [
        EnvironmentEntry.Discrete("balance a pole on a cart (Gymnasium CartPole-v1)", () => new CartPole()),
        EnvironmentEntry.Continuous("swing up and hold a pendulum (Gymnasium Pendulum-v1)", () => new Pendulum()),
        EnvironmentEntry.Discrete("4x4 grid, -1 per step to a corner, one-hot cells (value iteration solves it)", () => new OneHotGridWorld()),
        EnvironmentEntry.Continuous("go round an obstacle to the goal; the expert takes either side", () => new ObstacleCourse()),
    ];

    /// <summary>The algorithms, built-in first.</summary>
    public static IReadOnlyList<IRlAlgorithm> Algorithms => s_algorithms.All;

    /// <summary>Adds an algorithm.</summary>
    /// <exception cref="InvalidOperationException">its name is taken.</exception>
    public static void Add(IRlAlgorithm algorithm) => s_algorithms.Add(algorithm);

    /// <summary>The environment called <paramref name="name"/>.</summary>
    /// <exception cref="ModelException">no such environment; the message lists them.</exception>
    public static EnvironmentEntry Environment(string name) =>
        Environments.FirstOrDefault(e => e.Name == name)
        ?? throw new ModelException($"unknown environment '{name}'; environments: {string.Join(", ", Environments.Select(e => e.Name))}");

    /// <summary>The algorithm called <paramref name="name"/>.</summary>
    /// <exception cref="ModelException">no such algorithm; the message lists them.</exception>
    public static IRlAlgorithm Algorithm(string name) => s_algorithms.Find(name);

    /// <summary>The agent saved at <paramref name="path"/>, by the algorithm and environment its metadata names.</summary>
    /// <exception cref="CheckpointException">a damaged file, or one that names no known algorithm or environment.</exception>
    public static RlAgent Load(string path)
    {
        var (meta, _) = SafeTensors.Read(path, "agent checkpoint", message => new CheckpointException(message));
        string Meta(string key) => meta.TryGetValue(key, out var v) ? v : throw new CheckpointException($"{path}: metadata '{key}' is missing (not an agent saved by `grimoire rl train`?)");
        var algorithm = s_algorithms.Named(Meta(AlgorithmKey))
            ?? throw new CheckpointException($"{path}: algorithm '{Excerpt.Of(Meta(AlgorithmKey))}' is not one this build knows");
        var environment = Environments.FirstOrDefault(e => e.Name == Meta(EnvironmentKey))
            ?? throw new CheckpointException($"{path}: environment '{Excerpt.Of(Meta(EnvironmentKey))}' is not one this build knows");
        return algorithm.Load(path, environment);
    }
}
