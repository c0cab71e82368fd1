using System.Globalization;

namespace Grimoire.Nn.Training;

/// <summary>Saves the run (<see cref="TrainingContext.SaveCheckpoint"/>) every <see cref="EveryEpochs"/> epochs and/or
/// every <see cref="EverySteps"/> optimizer steps (0 turns either off). "{epoch}" and "{step}" in the path are replaced by
/// the counters, to keep one file per save; without them each save replaces the last.</summary>
public sealed class PeriodicCheckpoint : TrainingCallback
{
    /// <summary>Saves to <paramref name="path"/> every <paramref name="everyEpochs"/> epochs and every <paramref name="everySteps"/> steps.</summary>
    /// <exception cref="ArgumentException">an empty or blank path, or both intervals 0.</exception>
    /// <exception cref="ArgumentOutOfRangeException">a negative interval.</exception>
    public PeriodicCheckpoint(string path, int everyEpochs = 1, int everySteps = 0)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        ArgumentOutOfRangeException.ThrowIfNegative(everyEpochs);
        ArgumentOutOfRangeException.ThrowIfNegative(everySteps);
        if (everyEpochs == 0 && everySteps == 0) throw new ArgumentException("a periodic checkpoint needs an epoch or a step interval above 0", nameof(everyEpochs));
        (Path, EveryEpochs, EverySteps) = (path, everyEpochs, everySteps);
    }

    /// <summary>The file written, with "{epoch}" and "{step}" replaced by the counters at each save.</summary>
    public string Path { get; }

    /// <summary>Epochs between saves; 0 for none at epoch ends.</summary>
    public int EveryEpochs { get; }

    /// <summary>Optimizer steps between saves; 0 for none inside epochs.</summary>
    public int EverySteps { get; }

    /// <summary>Saves when the step count is a multiple of <see cref="EverySteps"/>.</summary>
    public override void OnBatchEnd(TrainingContext context)
    {
        if (EverySteps > 0 && context.Step % EverySteps == 0) Save(context);
    }

    /// <summary>Saves when the epoch number is a multiple of <see cref="EveryEpochs"/>.</summary>
    public override void OnEpochEnd(TrainingContext context, EpochSummary summary)
    {
        if (EveryEpochs > 0 && summary.Epoch % EveryEpochs == 0) Save(context);
    }

    private void Save(TrainingContext context) => context.SaveCheckpoint(Path
        .Replace("{epoch}", context.CompletedEpochs.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal)
        .Replace("{step}", context.Step.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal));
}
