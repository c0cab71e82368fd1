using Grimoire.Nn;
using Grimoire.Nn.Layers;
using Grimoire.Nn.Optimizers;

namespace Grimoire.Bench;

/// <summary>A classifier network of issue 6 as the step benchmarks train it: random float32 inputs of
/// <paramref name="Input"/>'s shape, labels 0-9, cross-entropy, the given optimizer. benchmarks/nn/torch_step.py builds the same in libtorch.</summary>
public sealed record TrainingStepModel(string Key, string Name, int Batch, Shape Input, Func<Rng, Sequential> Build, Func<Module, Optimizer> Optimizer)
{
    public static readonly TrainingStepModel Mlp = new("mlp", "mlp 784-256-128-10 relu, adam, batch 128", 128, new Shape(128, 784), rng => new Sequential(
        new Linear(784, 256, Activation.Relu, rng), new Linear(256, 128, Activation.Relu, rng), new Linear(128, 10, Activation.None, rng)),
        model => new Adam(model.Parameters(), 1e-3));

    public static readonly TrainingStepModel Cnn = new("cnn", "cnn 1x28x28 conv3x3(16)-relu-pool2-conv3x3(32)-relu-pool2-dense10, sgd momentum, batch 64", 64, new Shape(64, 1, 28, 28), rng => new Sequential(
        new Conv2d(1, 16, 3, rng: rng), new ReLU(), Pool2d.Max(2),
        new Conv2d(16, 32, 3, rng: rng), new ReLU(), Pool2d.Max(2),
        new Flatten(), new Linear(32 * 5 * 5, 10, Activation.None, rng)),
        model => new Sgd(model.Parameters(), 0.01, momentum: 0.9));

    public static readonly IReadOnlyList<TrainingStepModel> Classifiers = [Mlp, Cnn];

    /// <summary>Labels 0, 1, …, 9, 0, … for one batch.</summary>
    public Tensor Labels() => Tensor.FromArray(Enumerable.Range(0, Batch).Select(i => i % 10).ToArray());
}
