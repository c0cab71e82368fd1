using Grimoire.Nn;
using Grimoire.Nn.Layers;

namespace Grimoire.Models.Neural;

/// <summary>A single layer, sigmoid(x·w + b): its decision boundary is one line, and no line puts (0,1), (1,0) on one
/// side and (0,0), (1,1) on the other, so at most 3 of the 4 rows come out right. The cross-entropy's minimum for this
/// model is w = 0, b = 0 (p = 0.5 everywhere, loss ln 2), which is where SGD ends up.</summary>
public sealed class PerceptronXor : XorNetwork
{
    /// <inheritdoc/>
    public override string Name => "perceptron-xor";

    /// <inheritdoc/>
    public override string Summary => "single-layer perceptron 2-1 (linear + sigmoid, BCE) on XOR (book §9.3)";

    /// <inheritdoc/>
    protected internal override Module Build(Rng rng) => new Sequential(new Linear(2, 1, Activation.None, rng));
}
