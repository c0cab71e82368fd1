using Grimoire.Ml.Models.Settings;

namespace Grimoire.Rl.PolicyGradient;

/// <summary>The settings every policy-gradient method of the library takes (`--set` keys): the discount, the networks'
/// size, the Adam learning rate, the Gaussian policy's initial spread, and how often a run writes a checkpoint.</summary>
public abstract class PolicyGradientSettings
{
    /// <summary>γ, the discount of the return-to-go.</summary>
    [Setting("gamma", Doc = "discount of future rewards", Minimum = 0, Maximum = 1)]
    public double Gamma { get; set; } = 0.99;

    /// <summary>Units per hidden layer of the policy and value networks.</summary>
    [Setting("hidden", Doc = "units per hidden layer (policy and value networks)", Minimum = 1, Maximum = 4096)]
    public int Hidden { get; set; } = 64;

    /// <summary>Hidden tanh layers of each network.</summary>
    [Setting("layers", Doc = "hidden tanh layers of each network", Minimum = 0, Maximum = 8)]
    public int Layers { get; set; } = 2;

    /// <summary>Adam's step size.</summary>
    [Setting("lr", Doc = "Adam learning rate", Minimum = 0, ExclusiveMinimum = true, Maximum = 1)]
    public double LearningRate { get; set; } = 3e-4;

    /// <summary>The Gaussian policy's log σ at the start (continuous actions only).</summary>
    [Setting("log_std_init", Doc = "initial log standard deviation of a Gaussian policy", Minimum = -5, Maximum = 2)]
    public double LogStdInit { get; set; }

    /// <summary>Updates between checkpoints when the run saves them (--out); 0 writes about ten per run.</summary>
    [Setting("checkpoint_every", Doc = "updates between checkpoints written to --out during training (0: about ten per run)", Minimum = 0)]
    public int CheckpointEvery { get; set; }
}
