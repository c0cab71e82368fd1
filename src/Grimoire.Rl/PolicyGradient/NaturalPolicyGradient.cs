using Grimoire.Rl.Catalogue;

namespace Grimoire.Rl.PolicyGradient;

/// <summary>The natural policy gradient with a KL trust region and a backtracking line search (TRPO; book §26.3) as a
/// catalogue entry, `grimoire rl train npg`.</summary>
public sealed class NaturalPolicyGradient : PolicyGradientAlgorithm<NaturalGradientSettings>
{
    /// <inheritdoc/>
    public override string Name => "npg";

    /// <inheritdoc/>
    public override string BookSection => "§26.3";

    /// <inheritdoc/>
    public override string Summary => "natural policy gradient: Fisher-vector products by double backward, conjugate gradient, KL trust region, line search (TRPO)";

    /// <summary>100 000 steps for CartPole, 200 000 otherwise.</summary>
    public override long DefaultSteps(EnvironmentEntry environment) => environment?.Name == "cartpole" ? 100_000 : 200_000;

    /// <inheritdoc/>
    protected override bool HasValue(NaturalGradientSettings settings) => true;

    private protected override TrainingRun CreateRun(RlTrainRequest request, long totalSteps, NaturalGradientSettings settings)
    {
        var model = BuildModel(request.Environment, settings, new Rng((ulong)request.Seed));
        return new NaturalGradientRun(Name, request, totalSteps, settings, model);
    }
}
