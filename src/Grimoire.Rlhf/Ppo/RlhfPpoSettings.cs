namespace Grimoire.Rlhf.Ppo;

/// <summary>PPO fine-tuning of a language model against a reward model (book §35.2; Ziegler et al. 2019).</summary>
/// <param name="Iterations">Rollout-and-update rounds.</param>
/// <param name="Sequences">Completions sampled per round.</param>
/// <param name="CompletionTokens">Tokens per completion.</param>
/// <param name="KlTarget">Mean KL per sequence (nats) the adaptive controller aims at.</param>
/// <param name="Seed">Seeds prompts, sampling and mini-batches.</param>
public sealed record RlhfPpoSettings(int Iterations = 60, int Sequences = 32, int CompletionTokens = 24, double KlTarget = 3, ulong Seed = 0)
{
    /// <summary>The KL coefficient β at the start.</summary>
    public double InitialBeta { get; init; } = 0.3;

    /// <summary>The controller's horizon in sequences (<see cref="AdaptiveKlController"/>).</summary>
    public double KlHorizon { get; init; } = 64;

    /// <summary>Passes over each round's rollout.</summary>
    public int Epochs { get; init; } = 4;

    /// <summary>Sequences per mini-batch.</summary>
    public int MiniBatch { get; init; } = 16;

    /// <summary>Adam's rate for policy and value.</summary>
    public double LearningRate { get; init; } = 3e-4;

    /// <summary>PPO's clip range ε.</summary>
    public double Clip { get; init; } = 0.2;

    /// <summary>The value loss's weight.</summary>
    public double ValueCoefficient { get; init; } = 0.5;

    /// <summary>GAE's discount (1: episodes are short and the score comes at the end).</summary>
    public double Gamma { get; init; } = 1;

    /// <summary>GAE's λ.</summary>
    public double Lambda { get; init; } = 0.95;

    /// <summary>Throws unless every value is in range.</summary>
    public RlhfPpoSettings Validate()
    {
        if (Iterations < 1) throw new ArgumentOutOfRangeException(nameof(Iterations), $"--iterations must be at least 1, got {Iterations}");
        if (Sequences < 2) throw new ArgumentOutOfRangeException(nameof(Sequences), $"--sequences must be at least 2 (rewards are whitened over them), got {Sequences}");
        if (CompletionTokens < 1) throw new ArgumentOutOfRangeException(nameof(CompletionTokens), $"--tokens must be at least 1, got {CompletionTokens}");
        if (!(KlTarget > 0) || !double.IsFinite(KlTarget)) throw new ArgumentOutOfRangeException(nameof(KlTarget), $"--kl-target must be a positive finite number, got {KlTarget}");
        if (!(InitialBeta > 0) || !double.IsFinite(InitialBeta)) throw new ArgumentOutOfRangeException(nameof(InitialBeta), $"--kl-coef must be a positive finite number, got {InitialBeta}");
        if (!(KlHorizon > 0) || !double.IsFinite(KlHorizon)) throw new ArgumentOutOfRangeException(nameof(KlHorizon), $"--kl-horizon must be a positive finite number, got {KlHorizon}");
        if (Epochs < 1 || MiniBatch < 1) throw new ArgumentOutOfRangeException(nameof(Epochs), "epochs and mini-batch must be at least 1");
        if (!(LearningRate > 0) || !double.IsFinite(LearningRate)) throw new ArgumentOutOfRangeException(nameof(LearningRate), $"--lr must be a positive finite number, got {LearningRate}");
        return this;
    }
}
