using Grimoire.Nn;
using Grimoire.Nn.Layers;

namespace Grimoire.Models.Neural;

/// <summary>Book §9–§11: a multilayer perceptron 64-128-64-10, He-initialised ReLU layers fused into the GEMM.</summary>
public sealed class MlpDigits() : DigitsNetwork(epochs: 40, batchSize: 32, learningRate: 1e-3)
{
    /// <inheritdoc/>
    public override string Name => "mlp-digits";

    /// <inheritdoc/>
    public override string BookSection => "§9–11";

    /// <inheritdoc/>
    public override string Summary => "MLP 64-128-64-10 on the digits data set, Adam, mini-batches (book §9–§11)";

    /// <inheritdoc/>
    protected internal override Module Build(Rng rng) => new Sequential(
        new Linear(64, 128, Activation.Relu, rng),
        new Linear(128, 64, Activation.Relu, rng),
        new Linear(64, 10, Activation.None, rng));
}
