using Grimoire.Nn;
using Grimoire.Nn.Layers;

namespace Grimoire.Rl.Policies;

/// <summary>A state-value function V_φ(s) (the critic, the learned baseline of §26.2): a tanh MLP from observations
/// [n, d] to values [n], its output layer of gain 1.</summary>
/// <param name="observationSize">Components per observation.</param>
/// <param name="hidden">Units per hidden layer.</param>
/// <param name="layers">Hidden layers.</param>
/// <param name="rng">Draws the initial weights.</param>
public sealed class ValueNetwork(int observationSize, int hidden, int layers, Rng rng) : Module
{
    /// <summary>The MLP.</summary>
    public Sequential Body { get; } = Mlp.Build(observationSize, hidden, layers, 1, outputGain: 1, rng);

    /// <inheritdoc/>
    protected override IEnumerable<(string Name, ModuleBase Module)> Children => [("body", Body)];

    /// <summary>V(s) for each observation row, [n].</summary>
    public override Tensor Forward(Tensor input) => Body.Forward(input).Reshape(input.Shape[0]);
}
