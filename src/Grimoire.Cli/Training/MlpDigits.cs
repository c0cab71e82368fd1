using Grimoire.Ml.Data;
using Grimoire.Nn;
using Grimoire.Nn.Layers;
using Grimoire.Nn.Optimizers;
using Grimoire.Nn.Training;

namespace Grimoire.Cli.Training;

/// <summary>The first deep-learning model of the book (§9–§11): a multilayer perceptron classifying the 8×8 digits
/// data set, trained by mini-batch Adam on the softmax cross-entropy from He-initialised weights for its ReLU
/// layers. Pixels (0–16) are scaled by 1/16 so inputs start in [0, 1]; 64-128-64-10 in float32. A stratified
/// 20 % of the rows is held out: it is scored after each epoch and at the end, never used to choose anything.</summary>
internal static class MlpDigits
{
    public const string Name = "mlp-digits";

    private const double TestFraction = 0.2;
    private const double PixelScale = 1.0 / 16;

    public sealed record Options(int Epochs = 40, int BatchSize = 32, double LearningRate = 1e-3, int Seed = 0, string Device = "cpu")
    {
        public void Validate()
        {
            if (Device != "cpu") throw new ArgumentException($"--device: train supports only cpu for now, got '{Device}'");
            if (Epochs is < 1 or > 10_000) throw new ArgumentException($"--epochs must be between 1 and 10000, got {Epochs}");
            if (BatchSize is < 1 or > 100_000) throw new ArgumentException($"--batch must be between 1 and 100000, got {BatchSize}");
            if (!(LearningRate > 0 && LearningRate <= 1)) throw new ArgumentException($"--lr must be a number in (0, 1], got {LearningRate}");
            if (Seed < 0) throw new ArgumentException($"--seed must be >= 0, got {Seed}");
        }
    }

    public sealed record Result(int Epochs, double TrainLoss, double TestAccuracy, double Seconds, int ParameterCount);

    /// <summary>Loads the data, trains, and scores the held-out rows; progress lines go to <paramref name="progress"/>.</summary>
    public static Result Run(Options options, TextWriter? progress)
    {
        options.Validate();
        var clock = System.Diagnostics.Stopwatch.StartNew();
        using var data = CsvDataset.Load("digits", "digit");
        var (train, test) = TrainTestSplit.Split(data, TestFraction, options.Seed, stratify: true);
        using (train)
        using (test)
        {
            using var trainX = Pixels(train);
            using var trainY = Labels(train);
            using var testX = Pixels(test);
            using var testY = Labels(test);
            var rng = new Rng((ulong)options.Seed);
            using var model = Build(trainX.Shape[1], classes: 10, rng);
            using var optimizer = new Adam(model.Parameters(), options.LearningRate);
            progress?.WriteLine($"{Name}: {train.Rows} training rows, {test.Rows} held out; MLP {trainX.Shape[1]}-128-64-10 ({model.ParameterCount} parameters), Adam lr={options.LearningRate}, batch {options.BatchSize}");
            var history = new Trainer(model, optimizer, Losses.CrossEntropy)
                .Fit(trainX, trainY, testX, testY, options.Epochs, options.BatchSize, rng, progress);
            var accuracy = Metrics.Accuracy(model, testX, testY);
            return new Result(options.Epochs, history[^1].TrainLoss, accuracy, clock.Elapsed.TotalSeconds, model.ParameterCount);
        }
    }

    /// <summary>64-128-64-10 with ReLU fused into the hidden layers; the last layer gives logits.</summary>
    internal static Sequential Build(int features, int classes, Rng rng) => new(
        new Linear(features, 128, Activation.Relu, rng),
        new Linear(128, 64, Activation.Relu, rng),
        new Linear(64, classes, Activation.None, rng));

    private static Tensor Pixels(Dataset d)
    {
        using var x = d.X.To(DType.Float32);
        return x * PixelScale;
    }

    private static Tensor Labels(Dataset d) => d.RequireTarget(Name).To(DType.Int32);
}
