using Grimoire.Ml.Models.Settings;

namespace Grimoire.Rl.Imitation;

/// <summary>Behaviour cloning's settings (book §22), the `--set` keys of `grimoire rl train bc-gaussian` and
/// `bc-categorical`: how the policy network is built and fitted. The label budget is `--steps`: each expert label is
/// one environment step.</summary>
public class ImitationSettings
{
    /// <summary>Passes over the demonstrations (for DAgger: after each round).</summary>
    [Setting("epochs", Doc = "passes over the demonstrations (DAgger: after each round)", Minimum = 1, Maximum = 100_000)]
    public int Epochs { get; init; } = 300;

    /// <summary>Pairs per gradient step.</summary>
    [Setting("batch", Doc = "state-action pairs per gradient step", Minimum = 1, Maximum = 65_536)]
    public int BatchSize { get; init; } = 64;

    /// <summary>Adam's step size.</summary>
    [Setting("lr", Doc = "Adam learning rate", Minimum = 0, ExclusiveMinimum = true, Maximum = 1)]
    public double LearningRate { get; init; } = 1e-3;

    /// <summary>Width of each of the two hidden ReLU layers.</summary>
    [Setting("hidden", Doc = "width of each of the two hidden ReLU layers", Minimum = 1, Maximum = 4_096)]
    public int Hidden { get; init; } = 64;
}

/// <summary>Behaviour cloning with a mixture-density policy (`bc-mdn`): also the number of Gaussians.</summary>
public class MixtureSettings : ImitationSettings
{
    /// <summary>K, the Gaussians in the mixture.</summary>
    [Setting("components", Doc = "Gaussians in the mixture policy (continuous actions)", Minimum = 1, Maximum = 64)]
    public int Components { get; init; } = 4;
}

/// <summary>DAgger's settings (book §24, `dagger`): also the number of rounds the label budget is split into. Its
/// policy is categorical for discrete actions and a mixture of Gaussians for continuous ones.</summary>
public sealed class DaggerSettings : MixtureSettings
{
    /// <summary>Rounds: the first labels the expert's own episodes, each later one the learner's.</summary>
    [Setting("rounds", Doc = "rounds the label budget is split into: expert episodes first, then the learner's, each labelled by the expert", Minimum = 1, Maximum = 10_000)]
    public int Rounds { get; init; } = 5;
}
