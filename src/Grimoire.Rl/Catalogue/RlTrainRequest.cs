using Grimoire.Ml.Models;

namespace Grimoire.Rl.Catalogue;

/// <summary>What a training run is asked to do: the environment, the number of environment steps (the algorithm's
/// default for that environment when null), how many copies step together, the seed of everything random, the
/// algorithm's own settings as `--set` text, where to save checkpoints and which checkpoint to resume from.</summary>
/// <param name="Environment">The environment to learn.</param>
/// <param name="Steps">Environment steps in all (every copy's steps count), or null for the algorithm's default.</param>
/// <param name="Envs">Copies stepped together (1 to 4096).</param>
/// <param name="Seed">Seeds the environments (copy i with seed + i), the initial weights and all sampling.</param>
/// <param name="Settings">The algorithm's settings by name.</param>
public sealed record RlTrainRequest(EnvironmentEntry Environment, long? Steps, int Envs, int Seed, ModelSettings Settings)
{
    /// <summary>Where the trained agent is saved, and where periodic checkpoints go during training; none when null.</summary>
    public string? CheckpointPath { get; init; }

    /// <summary>A checkpoint of an interrupted run of the same algorithm, environment and settings to carry on from.</summary>
    public string? ResumePath { get; init; }

    /// <summary>Episodes the final policy is evaluated on (deterministic actions, seeds after the training ones).</summary>
    public int EvalEpisodes { get; init; } = 20;

    /// <summary>Checks the counts.</summary>
    /// <exception cref="ArgumentException">steps ≤ 0, copies outside 1–4096, a negative seed or evaluation count.</exception>
    public void Validate()
    {
        if (Steps is <= 0) throw new ArgumentException($"--steps must be positive, got {Steps}");
        if (Envs is < 1 or > 4096) throw new ArgumentException($"--envs must be between 1 and 4096, got {Envs}");
        if (Seed < 0) throw new ArgumentException($"--seed must be >= 0, got {Seed}");
        if (EvalEpisodes < 1) throw new ArgumentException($"evaluation needs at least one episode, got {EvalEpisodes}");
    }
}
