namespace Grimoire.Rl.Catalogue;

/// <summary>The algorithms of book §22–28 that ship with the library, in the order `grimoire rl algos` lists them.</summary>
internal static class BuiltInAlgorithms
{
    public static IReadOnlyList<IRlAlgorithm> All =>
    [
        Imitation.ImitationAlgorithm.GaussianCloning, Imitation.ImitationAlgorithm.MixtureCloning, Imitation.ImitationAlgorithm.CategoricalCloning,
        Imitation.ImitationAlgorithm.Dagger, new PolicyGradient.Reinforce(), new PolicyGradient.NaturalPolicyGradient(), new PolicyGradient.Ppo(),
        new ValueBased.DqnAlgorithm(),
    ];
}
