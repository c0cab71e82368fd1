namespace Grimoire.Models;

/// <summary>The options every `grimoire train` model takes, with the model's own defaults.</summary>
public sealed record TrainOptions(int Epochs, int BatchSize, double LearningRate, int Seed = 0, string Device = "cpu")
{
    public void Validate()
    {
        if (Device is not ("cpu" or "gpu")) throw new ArgumentException($"--device must be cpu or gpu, got '{Device}'");
        if (Epochs is < 1 or > 10_000) throw new ArgumentException($"--epochs must be between 1 and 10000, got {Epochs}");
        if (BatchSize is < 1 or > 100_000) throw new ArgumentException($"--batch must be between 1 and 100000, got {BatchSize}");
        if (!(LearningRate > 0 && LearningRate <= 1)) throw new ArgumentException($"--lr must be a number in (0, 1], got {LearningRate}");
        if (Seed < 0) throw new ArgumentException($"--seed must be >= 0, got {Seed}");
    }
}

/// <summary>What a training run reports: the contract of `train --json` is {"model","epochs","train_loss",
/// MetricName: Metric, …Extra, "seconds"}; MetricName is "test_accuracy" for classifiers, or the task's metric
/// (e.g. "mean_iou").</summary>
public sealed record TrainResult(string Model, int Epochs, double TrainLoss, string MetricName, double Metric, double Seconds, int ParameterCount)
{
    /// <summary>Further figures a model reports (e.g. a baseline to compare with), written after the metric.</summary>
    public IReadOnlyDictionary<string, double> Extra { get; init; } = new Dictionary<string, double>();
}

/// <summary>A network `grimoire train` can train: its name (the subcommand), a one-line summary with the book
/// section, its default options, and the run itself (progress lines to the writer when given).</summary>
public interface ITrainable
{
    string Name { get; }

    string Summary { get; }

    TrainOptions Defaults { get; }

    TrainResult Run(TrainOptions options, TextWriter? progress);
}
