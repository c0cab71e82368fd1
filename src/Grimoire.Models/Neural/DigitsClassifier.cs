using Grimoire.Nn;
using Grimoire.Nn.Layers;
using Grimoire.Nn.Optimizers;
using Grimoire.Nn.Training;

namespace Grimoire.Models.Neural;

/// <summary>A network classifying the 8×8 digits data set, trained by mini-batch Adam on the softmax cross-entropy,
/// float32. The held-out rows of <see cref="DigitsData"/> are scored after each epoch and at the end, never used to
/// choose anything.</summary>
public sealed record DigitsClassifier(string Name, string Summary, TrainOptions Defaults, Func<Rng, Sequential> Build) : ITrainable
{
    /// <summary>Loads the data, trains, and scores the held-out rows; progress lines go to <paramref name="progress"/>.</summary>
    public TrainResult Run(TrainOptions options, TextWriter? progress)
    {
        using var run = DigitsRun.Start(options, Name);
        var (device, data, rng) = (run.Device, run.Data, run.Rng);
        using var model = Build(rng);
        model.To(device);
        using var optimizer = new Adam(model.Parameters(), options.LearningRate);
        progress?.WriteLine($"{Name}: {data.TrainX.Shape[0]} training rows, {data.TestX.Shape[0]} held out; {Summary} ({model.ParameterCount} parameters), Adam lr={options.LearningRate}, batch {options.BatchSize}, device {device}");
        var history = new Trainer(model, optimizer, Losses.CrossEntropy)
            .Fit(data.TrainX, data.TrainY, data.TestX, data.TestY, options.Epochs, options.BatchSize, rng, progress);
        var accuracy = Metrics.Accuracy(model, data.TestX, data.TestY);
        return new TrainResult(Name, options.Epochs, history[^1].TrainLoss, "test_accuracy", accuracy, run.Clock.Elapsed.TotalSeconds, model.ParameterCount);
    }
}
