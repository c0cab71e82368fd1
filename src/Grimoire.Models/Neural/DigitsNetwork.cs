using Grimoire.Models.Networks;
using Grimoire.Nn;
using Grimoire.Nn.Optimizers;
using Grimoire.Nn.Training;

namespace Grimoire.Models.Neural;

/// <summary>A network classifying the 8×8 digits data set (book part 2), trained by mini-batch Adam on the softmax
/// cross-entropy, float32. The held-out rows of <see cref="DigitsData"/> are scored after each epoch and at the end,
/// never used to choose anything; "test_accuracy" is the final score. It predicts a digit from the 64 pixel columns.</summary>
public abstract class DigitsNetwork(int epochs, int batchSize, double learningRate) : NetworkTrainer(epochs, batchSize, learningRate)
{
    /// <inheritdoc/>
    public override string Family => "neural";

    /// <inheritdoc/>
    public override string Task => "classification";

    /// <inheritdoc/>
    public override string Metric => "test_accuracy";

    /// <inheritdoc/>
    public override string TrainingData => DigitsData.Description;

    /// <inheritdoc/>
    public override NetworkInput Input => DigitsData.Input;

    /// <inheritdoc/>
    protected override TrainedNetwork Run(Device device, TextWriter? progress)
    {
        using var data = DigitsData.Load(Seed, Name, device);
        var rng = new Rng((ulong)Seed);
        return Owning(Build(rng), model =>
        {
            model.To(device);
            using var optimizer = new Adam(model.Parameters(), LearningRate);
            progress?.WriteLine($"{Name}: {data.TrainX.Shape[0]} training rows, {data.TestX.Shape[0]} held out; {Summary} ({model.ParameterCount} parameters), Adam lr={LearningRate}, batch {BatchSize}, device {device}");
            var history = new Trainer(model, optimizer, Losses.CrossEntropy)
                .Fit(data.TrainX, data.TrainY, data.TestX, data.TestY, Epochs, BatchSize, rng, progress);
            return new TrainedNetwork(model, history[^1].TrainLoss, Metrics.Accuracy(model, data.TestX, data.TestY));
        });
    }
}
