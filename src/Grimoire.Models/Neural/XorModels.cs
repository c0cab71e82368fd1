using Grimoire.Nn;
using Grimoire.Nn.Layers;

namespace Grimoire.Models.Neural;

/// <summary>Book §9.3's pair of XOR networks: the same data, loss and optimiser, with and without a hidden layer.</summary>
public static class XorModels
{
    private static readonly TrainOptions Defaults = new(Epochs: 2000, BatchSize: 4, LearningRate: 0.5);

    /// <summary>A single layer, sigmoid(x·w + b): its decision boundary is one line, and no line puts (0,1), (1,0)
    /// on one side and (0,0), (1,1) on the other, so at most 3 of the 4 rows come out right. The cross-entropy's
    /// minimum for this model is w = 0, b = 0 (p = 0.5 everywhere, loss ln 2), which is where SGD ends up.</summary>
    public static readonly XorClassifier Perceptron = new("perceptron-xor", "single-layer perceptron 2-1 (linear + sigmoid, BCE) on XOR (book §9.3)", Defaults,
        rng => new Sequential(new Linear(2, 1, Activation.None, rng)));

    /// <summary>One tanh hidden layer bends the boundary: 2-4-1 fits all four rows (train accuracy 1 for seeds 0–4).
    /// Four hidden units rather than the minimal two, as in `grimoire demo xor`.</summary>
    public static readonly XorClassifier Mlp = new("mlp-xor", "MLP 2-4-1 (tanh hidden, sigmoid output, BCE) on XOR (book §9.3)", Defaults,
        rng => new Sequential(
            new Linear(2, 4, Activation.Tanh, rng),
            new Linear(4, 1, Activation.None, rng)));
}
