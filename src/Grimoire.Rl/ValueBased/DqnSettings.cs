using Grimoire.Ml.Models.Settings;

namespace Grimoire.Rl.ValueBased;

/// <summary>
/// Deep Q-learning's settings (book §27–28), the `--set` keys of `grimoire rl train dqn`. The defaults solve CartPole in
/// 50 000 steps: Stable-Baselines3 zoo's CartPole recipe (train every 256 steps for 128 gradient steps, ε from 1 to
/// 0.04 over the first 16 %, [256, 256] ReLU network) made more robust across seeds with Double DQN, a soft target
/// update (τ = 0.1 after every 8 gradient steps), batches of 128 instead of 64 and a learning rate that decays linearly
/// to 2 % of itself, so the final policy, the one evaluated, does not forget. Seeds 0–8 reached 500, 500, 500, 500,
/// 478, 419, 100, 500, 500 (the zoo's batch 64 and decay to a tenth: 500, 182, 99 on seeds 0–2);
/// docs/benchmarks/rl-dqn-*.md.
/// </summary>
public sealed class DqnSettings
{
    /// <summary>Adam's step size at the start.</summary>
    [Setting("lr", Doc = "Adam learning rate at the start", Minimum = 0, ExclusiveMinimum = true, Maximum = 1)]
    public double LearningRate { get; init; } = 2.3e-3;

    /// <summary>The learning rate at the end of the run as a fraction of <see cref="LearningRate"/> (linear decay).</summary>
    [Setting("lr_final_fraction", Doc = "learning rate at the end as a fraction of lr, reached linearly (1: constant)", Minimum = 0, ExclusiveMinimum = true, Maximum = 1)]
    public double LearningRateFinalFraction { get; init; } = 0.02;

    /// <summary>γ in the Bellman target r + γ·max Q̂(s′, ·).</summary>
    [Setting("gamma", Doc = "discount in the Bellman target", Minimum = 0, Maximum = 1)]
    public double Gamma { get; init; } = 0.99;

    /// <summary>Transitions per gradient step.</summary>
    [Setting("batch", Doc = "transitions per gradient step", Minimum = 1, Maximum = 65_536)]
    public int BatchSize { get; init; } = 128;

    /// <summary>The replay buffer's capacity.</summary>
    [Setting("buffer", Doc = "replay buffer capacity in transitions", Minimum = 1, Maximum = 10_000_000)]
    public int BufferSize { get; init; } = 100_000;

    /// <summary>Steps of (mostly random) acting before the first gradient step.</summary>
    [Setting("learning_starts", Doc = "environment steps before learning starts", Minimum = 0)]
    public int LearningStarts { get; init; } = 1_000;

    /// <summary>Environment steps between training rounds.</summary>
    [Setting("train_freq", Doc = "environment steps between training rounds", Minimum = 1)]
    public int TrainFrequency { get; init; } = 256;

    /// <summary>Gradient steps in each training round.</summary>
    [Setting("gradient_steps", Doc = "gradient steps per training round", Minimum = 1, Maximum = 1_000_000)]
    public int GradientSteps { get; init; } = 128;

    /// <summary>Gradient steps between target-network updates.</summary>
    [Setting("target_update", Doc = "gradient steps between Polyak updates of the target network", Minimum = 1)]
    public int TargetUpdateInterval { get; init; } = 8;

    /// <summary>τ, the online network's weight in the Polyak update θ̂ ← τθ + (1 − τ)θ̂; the book's κ is 1 − τ.</summary>
    [Setting("tau", Doc = "Polyak weight of the online network in the target update (book's kappa = 1 - tau; 1 = hard copy)", Minimum = 0, ExclusiveMinimum = true, Maximum = 1)]
    public double Tau { get; init; } = 0.1;

    /// <summary>ε at the start of ε-greedy exploration.</summary>
    [Setting("epsilon_start", Doc = "exploration epsilon at the start", Minimum = 0, Maximum = 1)]
    public double EpsilonStart { get; init; } = 1.0;

    /// <summary>ε once the schedule has run.</summary>
    [Setting("epsilon_end", Doc = "exploration epsilon after the schedule", Minimum = 0, Maximum = 1)]
    public double EpsilonEnd { get; init; } = 0.04;

    /// <summary>Fraction of the run over which ε falls linearly.</summary>
    [Setting("exploration_fraction", Doc = "fraction of the steps over which epsilon falls linearly", Minimum = 0, Maximum = 1)]
    public double ExplorationFraction { get; init; } = 0.16;

    /// <summary>Width of each of the two hidden ReLU layers.</summary>
    [Setting("hidden", Doc = "width of each of the two hidden ReLU layers", Minimum = 1, Maximum = 4_096)]
    public int Hidden { get; init; } = 256;

    /// <summary>Whether the online network chooses a′ in the target (Double DQN).</summary>
    [Setting("double", Doc = "Double DQN: the online network picks the next action, the target network scores it")]
    public bool DoubleDqn { get; init; } = true;

    /// <summary>Huber threshold δ of the TD-error loss.</summary>
    [Setting("huber_delta", Doc = "Huber loss threshold on the TD error", Minimum = 0, ExclusiveMinimum = true)]
    public double HuberDelta { get; init; } = 1.0;

    /// <summary>The global gradient norm is clipped to this.</summary>
    [Setting("max_grad_norm", Doc = "clip the global gradient norm to this", Minimum = 0, ExclusiveMinimum = true)]
    public double MaxGradNorm { get; init; } = 10.0;

    /// <summary>Environment steps between checkpoints while training (when the run has a checkpoint path).</summary>
    [Setting("checkpoint_every", Doc = "environment steps between checkpoints while training (with --out)", Minimum = 1)]
    public int CheckpointEvery { get; init; } = 10_000;
}
