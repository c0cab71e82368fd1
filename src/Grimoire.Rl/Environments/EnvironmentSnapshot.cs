namespace Grimoire.Rl.Environments;

/// <summary>Where an environment is, for a checkpoint: its generator, the steps taken in the current episode, whether an
/// episode is running, and the task's state as numbers (see <see cref="Environment{TObservation, TAction}.Snapshot"/>).</summary>
/// <param name="Random">The generator's state.</param>
/// <param name="EpisodeStep">Steps taken in the current episode.</param>
/// <param name="Running">Whether an episode is under way.</param>
/// <param name="State">The task's state (CartPole: x, ẋ, θ, θ̇).</param>
public sealed record EnvironmentSnapshot(RngState Random, int EpisodeStep, bool Running, double[] State);
