using Grimoire.Ml.Data;
using Grimoire.Nn;
using Grimoire.Nn.Layers;
using Grimoire.Nn.Optimizers;
using Grimoire.Nn.Training;

namespace Grimoire.Cli.Training;

/// <summary>A network classifying the 8×8 digits data set, trained by mini-batch Adam on the softmax cross-entropy.
/// Pixels (0–16) are scaled by 1/16 so inputs start in [0, 1]; float32. A stratified 20 % of the rows is held out:
/// it is scored after each epoch and at the end, never used to choose anything.</summary>
internal sealed record DigitsClassifier(string Name, string Summary, TrainOptions Defaults, Func<Rng, Sequential> Build) : ITrainable
{
    private const double TestFraction = 0.2;
    private const double PixelScale = 1.0 / 16;

    /// <summary>Loads the data, trains, and scores the held-out rows; progress lines go to <paramref name="progress"/>.</summary>
    public TrainResult Run(TrainOptions options, TextWriter? progress)
    {
        options.Validate();
        var clock = System.Diagnostics.Stopwatch.StartNew();
        using var data = CsvDataset.Load("digits", "digit");
        var (train, test) = TrainTestSplit.Split(data, TestFraction, options.Seed, stratify: true);
        using (train)
        using (test)
        {
            var device = new Device(options.Device);
            using var trainX = OnDevice(Pixels(train), device);
            using var trainY = OnDevice(Labels(train), device);
            using var testX = OnDevice(Pixels(test), device);
            using var testY = OnDevice(Labels(test), device);
            var rng = new Rng((ulong)options.Seed);
            using var model = Build(rng);
            model.To(device);
            using var optimizer = new Adam(model.Parameters(), options.LearningRate);
            progress?.WriteLine($"{Name}: {train.Rows} training rows, {test.Rows} held out; {Summary} ({model.ParameterCount} parameters), Adam lr={options.LearningRate}, batch {options.BatchSize}, device {device}");
            var history = new Trainer(model, optimizer, Losses.CrossEntropy)
                .Fit(trainX, trainY, testX, testY, options.Epochs, options.BatchSize, rng, progress);
            var accuracy = Metrics.Accuracy(model, testX, testY);
            return new TrainResult(Name, options.Epochs, history[^1].TrainLoss, "test_accuracy", accuracy, clock.Elapsed.TotalSeconds, model.ParameterCount);
        }
    }

    /// <summary>The tensor on <paramref name="device"/>; a host original that was moved is released.</summary>
    private static Tensor OnDevice(Tensor t, Device device)
    {
        if (t.Device == device) return t;
        using (t) return t.To(device);
    }

    private static Tensor Pixels(Dataset d)
    {
        using var x = d.X.To(DType.Float32);
        return x * PixelScale;
    }

    private Tensor Labels(Dataset d) => d.RequireTarget(Name).To(DType.Int32);
}
