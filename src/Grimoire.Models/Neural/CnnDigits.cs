using Grimoire.Nn;
using Grimoire.Nn.Layers;

namespace Grimoire.Models.Neural;

/// <summary>Book §16: conv 3x3 (padding 1) → ReLU → max-pool 2, twice, then a dense layer to 10 logits, on the pixels
/// as one 8x8 channel (8x8 → 4x4 → 2x2).</summary>
public sealed class CnnDigits() : DigitsNetwork(epochs: 30, batchSize: 32, learningRate: 2e-3)
{
    /// <inheritdoc/>
    public override string Name => "cnn-digits";

    /// <inheritdoc/>
    public override string BookSection => "§16";

    /// <summary>"vision": convolutional networks are book part 3.</summary>
    public override string Family => "vision";

    /// <inheritdoc/>
    public override string Summary => "CNN conv3x3(1→16)-ReLU-maxpool2-conv3x3(16→32)-ReLU-maxpool2-dense(128→10) on the digits data set, Adam (book §16)";

    /// <inheritdoc/>
    protected internal override Module Build(Rng rng) => new Sequential(
        new Unflatten(1, 8, 8),
        new Conv2d(1, 16, 3, padding: 1, rng: rng), new ReLU(), Pool2d.Max(2),
        new Conv2d(16, 32, 3, padding: 1, rng: rng), new ReLU(), Pool2d.Max(2),
        new Flatten(),
        new Linear(32 * 2 * 2, 10, Activation.None, rng));
}
