using Grimoire.Nn;
using Grimoire.Rl.Catalogue;
using Grimoire.Rl.Spaces;

namespace Grimoire.Rl.Policies;

/// <summary>What a policy-gradient agent learns and saves: the policy ("policy.*") and, when the method has one, the
/// value network ("value.*"). Disposing it disposes both.</summary>
public sealed class PolicyModel : ModuleBase
{
    /// <summary>Holds <paramref name="policy"/> and <paramref name="value"/>, which it owns from now on.</summary>
    public PolicyModel(PolicyNetwork policy, ValueNetwork? value)
    {
        ArgumentNullException.ThrowIfNull(policy);
        (Policy, Value) = (policy, value);
    }

    /// <summary>A categorical policy for a discrete environment, a Gaussian one for a continuous environment, with a
    /// value network when <paramref name="withValue"/>; weights drawn from <paramref name="rng"/>.</summary>
    /// <exception cref="ArgumentException">an environment whose observations are not vectors.</exception>
    public static PolicyModel For(EnvironmentEntry environment, int hidden, int layers, bool withValue, double initialLogStd, Rng rng)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var observations = environment.ObservationSpace is BoxSpace box ? box.Dimension
            : throw new ArgumentException($"{environment.Name}: a policy network needs vector observations, not {environment.ObservationSpace.Describe()}", nameof(environment));
        PolicyNetwork policy = environment.ActionSpace switch
        {
            DiscreteSpace d => new CategoricalPolicy(observations, d.Count, hidden, layers, rng),
            BoxSpace b => new GaussianPolicy(observations, b.Dimension, hidden, layers, initialLogStd, rng),
            var other => throw new ArgumentException($"{environment.Name}: no policy for actions in {other.Describe()}", nameof(environment)),
        };
        return new PolicyModel(policy, withValue ? new ValueNetwork(observations, hidden, layers, rng) : null);
    }

    /// <summary>π_θ.</summary>
    public PolicyNetwork Policy { get; }

    /// <summary>V_φ, or null.</summary>
    public ValueNetwork? Value { get; }

    /// <inheritdoc/>
    protected override IEnumerable<(string Name, ModuleBase Module)> Children =>
        Value is null ? [("policy", Policy)] : [("policy", Policy), ("value", Value)];
}
