namespace Grimoire.Cli.Training;

/// <summary>The options every `grimoire train` model takes, with the model's own defaults.</summary>
internal sealed record TrainOptions(int Epochs, int BatchSize, double LearningRate, int Seed = 0, string Device = "cpu")
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

/// <summary>What a training run reports: the contract of `train --json`.</summary>
internal sealed record TrainResult(string Model, int Epochs, double TrainLoss, double TestAccuracy, double Seconds, int ParameterCount);
