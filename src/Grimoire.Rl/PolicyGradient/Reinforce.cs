using Grimoire.Rl.Catalogue;

namespace Grimoire.Rl.PolicyGradient;

/// <summary>REINFORCE (book §25–26.2; Williams 1992) as a catalogue entry, `grimoire rl train reinforce`.</summary>
public sealed class Reinforce : PolicyGradientAlgorithm<ReinforceSettings>
{
    /// <inheritdoc/>
    public override string Name => "reinforce";

    /// <inheritdoc/>
    public override string BookSection => "§25–26.2";

    /// <inheritdoc/>
    public override string Summary => "REINFORCE: whole episodes, discounted return-to-go, optional learned value baseline";

    /// <summary>250 000 steps: enough for the default 500 episodes of up to 500 steps, so the episode count ends the run.</summary>
    public override long DefaultSteps(EnvironmentEntry environment) => 250_000;

    /// <inheritdoc/>
    protected override bool HasValue(ReinforceSettings settings) => settings.Baseline;

    private protected override TrainingRun CreateRun(RlTrainRequest request, long totalSteps, ReinforceSettings settings)
    {
        var model = BuildModel(request.Environment, settings, new Rng((ulong)request.Seed));
        return new ReinforceRun(Name, request, totalSteps, settings, model);
    }
}
