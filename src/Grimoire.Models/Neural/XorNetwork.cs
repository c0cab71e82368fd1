using Grimoire.Autograd;
using Grimoire.Models.Networks;
using Grimoire.Nn;
using Grimoire.Nn.Optimizers;
using Grimoire.Nn.Training;

namespace Grimoire.Models.Neural;

/// <summary>A network fitting the XOR truth table (book §9.3) with one sigmoid output, trained by mini-batch SGD on
/// the binary cross-entropy. XOR has only its four rows, so there is no held-out set: the metric is
/// "train_accuracy", the fraction of the four rows whose probability falls on the right side of 0.5 — the question
/// §9.3 asks is whether a model can represent XOR at all, not whether it generalises. It predicts from columns x0, x1.</summary>
public abstract class XorNetwork() : NetworkTrainer(epochs: 2000, batchSize: 4, learningRate: 0.5)
{
    private static readonly float[] Inputs = [0, 0, 0, 1, 1, 0, 1, 1];
    private static readonly float[] Targets = [0, 1, 1, 0];
    private const int ProgressLines = 10;

    /// <inheritdoc/>
    public override string BookSection => "§9.3";

    /// <inheritdoc/>
    public override string Family => "neural";

    /// <inheritdoc/>
    public override string Task => "classification";

    /// <inheritdoc/>
    public override string Metric => "train_accuracy";

    /// <inheritdoc/>
    public override string TrainingData => "the 4 rows of XOR";

    /// <inheritdoc/>
    public override NetworkInput Input { get; } = NetworkInput.Numbered([2]);

    /// <inheritdoc/>
    protected override TrainedNetwork Run(Device device, TextWriter? progress)
    {
        using var x = Tensor.FromArray(Inputs, new Shape(4, 2)).OnDevice(device);
        using var y = Tensor.FromArray(Targets, new Shape(4, 1)).OnDevice(device);
        var rng = new Rng((ulong)Seed);
        return Owning(Build(rng), model =>
        {
            model.To(device);
            using var optimizer = new Sgd(model.Parameters(), LearningRate);
            progress?.WriteLine($"{Name}: the 4 rows of XOR; {Summary} ({model.ParameterCount} parameters), SGD lr={LearningRate}, batch {BatchSize}, device {device}");
            var every = Math.Max(1, Epochs / ProgressLines);
            var loss = double.NaN;
            for (var epoch = 1; epoch <= Epochs; epoch++)
            {
                var total = 0.0;
                foreach (var batch in MiniBatches.Epoch(4, BatchSize, rng)) total += Step(model, optimizer, x, y, batch) * batch.Length;
                loss = total / 4;
                if (epoch % every == 0 || epoch == Epochs)
                    progress?.WriteLine(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"epoch {epoch,5}/{Epochs}  train loss {loss:F4}  train accuracy {Accuracy(model, x):F2}"));
            }
            return new TrainedNetwork(model, loss, Accuracy(model, x));
        });
    }

    private static double Step(Module model, Optimizer optimizer, Tensor x, Tensor y, int[] batch)
    {
        using var scope = new TensorScope();
        var value = Losses.BinaryCrossEntropyWithLogits(model.Forward(MiniBatches.Rows(x, batch)), MiniBatches.Rows(y, batch));
        optimizer.ZeroGrad();
        value.Backward();
        optimizer.Step();
        return value.Item();
    }

    /// <summary>Fraction of the four rows with sigmoid(logit) ≥ 0.5 exactly when the target is 1, i.e. logit ≥ 0.</summary>
    private static double Accuracy(Module model, Tensor x)
    {
        using var noGrad = GradMode.NoGrad();
        using var scope = new TensorScope();
        var logits = model.Forward(x).ToArray<float>();
        return logits.Where((z, i) => (z >= 0 ? 1 : 0) == (int)Targets[i]).Count() / 4.0;
    }
}
