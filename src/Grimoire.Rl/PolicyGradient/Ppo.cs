using Grimoire.Ml.Models;
using Grimoire.Ml.Models.Settings;
using Grimoire.Rl.Catalogue;

namespace Grimoire.Rl.PolicyGradient;

/// <summary>Proximal policy optimisation (book §26.3; Schulman et al. 2017) as a catalogue entry, `grimoire rl train ppo`.</summary>
public sealed class Ppo : PolicyGradientAlgorithm<PpoSettings>
{
    /// <inheritdoc/>
    public override string Name => "ppo";

    /// <inheritdoc/>
    public override string BookSection => "§26.3";

    /// <inheritdoc/>
    public override string Summary => "PPO: clipped surrogate, GAE, value loss, entropy bonus, KL early stop, mini-batch epochs over vectorised rollouts";

    /// <summary>100 000 steps for CartPole, 200 000 otherwise.</summary>
    public override long DefaultSteps(EnvironmentEntry environment) => environment?.Name == "cartpole" ? 100_000 : 200_000;

    /// <summary>The settings over <see cref="PpoSettings"/>' defaults for discrete actions, over
    /// <see cref="PpoContinuousSettings"/>' for continuous ones.</summary>
    protected override PpoSettings Bind(ModelSettings settings, EnvironmentEntry environment) =>
        environment.IsDiscrete ? base.Bind(settings, environment) : EstimatorSettings.Bind<PpoContinuousSettings>(settings, Name);

    /// <inheritdoc/>
    protected override bool HasValue(PpoSettings settings) => true;

    private protected override TrainingRun CreateRun(RlTrainRequest request, long totalSteps, PpoSettings settings)
    {
        var model = BuildModel(request.Environment, settings, new Rng((ulong)request.Seed));
        return new PpoRun(Name, request, totalSteps, settings, model);
    }
}
