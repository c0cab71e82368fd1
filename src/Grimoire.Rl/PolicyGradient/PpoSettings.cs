using Grimoire.Ml.Models.Settings;

namespace Grimoire.Rl.PolicyGradient;

/// <summary>PPO's settings (`--set` keys, named as Stable-Baselines3 names them where it has them). The defaults are
/// those of the RL Baselines3 Zoo for CartPole (discrete actions); an environment with continuous actions starts from
/// <see cref="PpoContinuousSettings"/> instead.</summary>
public class PpoSettings : PolicyGradientSettings
{
    /// <summary>PPO's defaults: γ 0.98, learning rate 1e-3.</summary>
    public PpoSettings() => (Gamma, LearningRate) = (0.98, 1e-3);

    /// <summary>Environment steps per update, over all copies (each copy steps rollout / copies, rounded up).</summary>
    [Setting("rollout", Doc = "environment steps per update, over all copies", Minimum = 1, Maximum = 1 << 24)]
    public int Rollout { get; set; } = 256;

    /// <summary>Rows per mini-batch.</summary>
    [Setting("batch", Doc = "rows per mini-batch", Minimum = 1, Maximum = 1 << 24)]
    public int Batch { get; set; } = 256;

    /// <summary>Passes over each rollout.</summary>
    [Setting("epochs", Doc = "passes over each rollout", Minimum = 1, Maximum = 1000)]
    public int Epochs { get; set; } = 20;

    /// <summary>GAE's λ.</summary>
    [Setting("gae_lambda", Doc = "lambda of generalised advantage estimation", Minimum = 0, Maximum = 1)]
    public double GaeLambda { get; set; } = 0.8;

    /// <summary>ε of the clipped objective.</summary>
    [Setting("clip", Doc = "clip range epsilon of the probability ratio", Minimum = 0, ExclusiveMinimum = true, Maximum = 10)]
    public double Clip { get; set; } = 0.2;

    /// <summary>Weight of the entropy bonus.</summary>
    [Setting("ent_coef", Doc = "weight of the entropy bonus", Minimum = 0, Maximum = 10)]
    public double EntropyCoefficient { get; set; }

    /// <summary>Weight of the value loss.</summary>
    [Setting("vf_coef", Doc = "weight of the value loss (mean squared error)", Minimum = 0, Maximum = 100)]
    public double ValueCoefficient { get; set; } = 0.5;

    /// <summary>Bound on the global gradient norm.</summary>
    [Setting("max_grad_norm", Doc = "bound on the global gradient norm", Minimum = 0, ExclusiveMinimum = true)]
    public double MaxGradNorm { get; set; } = 0.5;

    /// <summary>Stops an update's epochs when the approximate KL passes 1.5 × this; 0 never stops.</summary>
    [Setting("target_kl", Doc = "stop an update's epochs once the approximate KL exceeds 1.5 x this (0: never)", Minimum = 0)]
    public double TargetKl { get; set; }

    /// <summary>Anneal the learning rate and the clip range linearly to 0 over the run.</summary>
    [Setting("anneal", Doc = "anneal learning rate and clip range linearly to 0 over the run")]
    public bool Anneal { get; set; } = true;
}

/// <summary>PPO's defaults for continuous actions, the RL Baselines3 Zoo's for Pendulum: 4096 steps per update, γ 0.9,
/// λ 0.95, 10 epochs of mini-batches of 64, constant learning rate and clip range.</summary>
public sealed class PpoContinuousSettings : PpoSettings
{
    /// <summary>The continuous defaults.</summary>
    public PpoContinuousSettings() => (Rollout, Batch, Epochs, Gamma, GaeLambda, Anneal) = (4096, 64, 10, 0.9, 0.95, false);
}
