namespace Grimoire.Language.Training;

/// <summary>What a training run measured.</summary>
/// <param name="Steps">Optimizer steps taken.</param>
/// <param name="TrainLoss">Mean cross-entropy (nats per token) over the last tenth of the steps.</param>
/// <param name="ValidationLoss">Mean cross-entropy (nats per token) over the whole held-out tail after training.</param>
/// <param name="Seconds">Wall time of the run, validation included.</param>
/// <param name="TrainingSeconds">Wall time of the optimizer steps alone.</param>
/// <param name="Tokens">Tokens the steps predicted.</param>
public sealed record LanguageTrainResult(int Steps, double TrainLoss, double ValidationLoss, double Seconds, double TrainingSeconds, long Tokens)
{
    /// <summary>Predicted tokens per second of training (validation excluded).</summary>
    public double TokensPerSecond => Tokens / Math.Max(TrainingSeconds, 1e-9);
}
