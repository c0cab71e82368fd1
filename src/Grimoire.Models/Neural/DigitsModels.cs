using Grimoire.Nn;
using Grimoire.Nn.Layers;

namespace Grimoire.Models.Neural;

/// <summary>The networks `grimoire train` knows, each citing the book section it implements.</summary>
public static class DigitsModels
{
    /// <summary>Book §9–§11: a multilayer perceptron 64-128-64-10, He-initialised ReLU layers fused into the GEMM.</summary>
    public static readonly DigitsClassifier Mlp = new("mlp-digits", "MLP 64-128-64-10 on the digits data set, Adam, mini-batches (book §9–§11)", new TrainOptions(Epochs: 40, BatchSize: 32, LearningRate: 1e-3),
        rng => new Sequential(
            new Linear(64, 128, Activation.Relu, rng),
            new Linear(128, 64, Activation.Relu, rng),
            new Linear(64, 10, Activation.None, rng)));

    /// <summary>Book §16: conv 3x3 (padding 1) → ReLU → max-pool 2, twice, then a dense layer to 10 logits, on the
    /// pixels as one 8x8 channel (8x8 → 4x4 → 2x2).</summary>
    public static readonly DigitsClassifier Cnn = new("cnn-digits", "CNN conv3x3(1→16)-ReLU-maxpool2-conv3x3(16→32)-ReLU-maxpool2-dense(128→10) on the digits data set, Adam (book §16)",
        new TrainOptions(Epochs: 30, BatchSize: 32, LearningRate: 2e-3),
        rng => new Sequential(
            new Unflatten(1, 8, 8),
            new Conv2d(1, 16, 3, padding: 1, rng: rng), new ReLU(), Pool2d.Max(2),
            new Conv2d(16, 32, 3, padding: 1, rng: rng), new ReLU(), Pool2d.Max(2),
            new Flatten(),
            new Linear(32 * 2 * 2, 10, Activation.None, rng)));

}
