using Grimoire.Ml.Models.Settings;

namespace Grimoire.Rl.PolicyGradient;

/// <summary>The natural policy gradient's settings (`--set` keys, Stable-Baselines3's TRPO names where it has them);
/// `lr` is the value network's Adam rate (the policy moves by the trust region, not by a rate).</summary>
public sealed class NaturalGradientSettings : PolicyGradientSettings
{
    /// <summary>The defaults: learning rate 1e-3 for the value network.</summary>
    public NaturalGradientSettings() => LearningRate = 1e-3;

    /// <summary>Environment steps per update, over all copies.</summary>
    [Setting("rollout", Doc = "environment steps per update, over all copies", Minimum = 1, Maximum = 1 << 24)]
    public int Rollout { get; set; } = 1024;

    /// <summary>GAE's λ.</summary>
    [Setting("gae_lambda", Doc = "lambda of generalised advantage estimation", Minimum = 0, Maximum = 1)]
    public double GaeLambda { get; set; } = 0.98;

    /// <summary>δ, the bound on the mean KL between successive policies.</summary>
    [Setting("max_kl", Doc = "trust region: bound on the mean KL between successive policies", Minimum = 0, ExclusiveMinimum = true, Maximum = 10)]
    public double MaxKl { get; set; } = 0.01;

    /// <summary>λ added to the Fisher matrix.</summary>
    [Setting("cg_damping", Doc = "damping added to the Fisher matrix", Minimum = 0, Maximum = 10)]
    public double Damping { get; set; } = 0.1;

    /// <summary>Conjugate-gradient iterations per update.</summary>
    [Setting("cg_iters", Doc = "conjugate-gradient iterations per update", Minimum = 1, Maximum = 1000)]
    public int CgIterations { get; set; } = 10;

    /// <summary>Backtracking steps of the line search (TRPO); 0 takes the natural step as it is (plain NPG).</summary>
    [Setting("line_search_steps", Doc = "backtracking steps of the line search (0: take the natural step unchecked, plain NPG)", Minimum = 0, Maximum = 100)]
    public int LineSearchSteps { get; set; } = 10;

    /// <summary>The factor the step shrinks by at each backtrack.</summary>
    [Setting("line_search_shrink", Doc = "factor the step shrinks by at each backtrack", Minimum = 0, ExclusiveMinimum = true, Maximum = 0.99)]
    public double LineSearchShrink { get; set; } = 0.8;

    /// <summary>Passes of the value network over each rollout.</summary>
    [Setting("value_epochs", Doc = "passes of the value network over each rollout", Minimum = 1, Maximum = 1000)]
    public int ValueEpochs { get; set; } = 10;

    /// <summary>Rows per mini-batch of the value network's updates.</summary>
    [Setting("batch", Doc = "rows per mini-batch of the value network's updates", Minimum = 1, Maximum = 1 << 24)]
    public int Batch { get; set; } = 128;
}
