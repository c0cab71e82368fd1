using System.Globalization;

namespace Grimoire.Nn.Training;

/// <summary>Progress of a run: one plain line per epoch ("epoch    3/20  train loss 0.1234" and each metric), a bar
/// redrawn during the epoch when the style asks for one, and the reason when a callback stopped the run. It writes to
/// standard error unless told otherwise, so a run whose standard output is JSON still shows it.</summary>
public sealed class ProgressReport(TextWriter? writer = null, ProgressStyle style = ProgressStyle.Auto) : TrainingCallback
{
    private readonly TrainingProgress _progress = TrainingProgress.For(writer ?? Console.Error, style);

    /// <summary>Redraws the bar, when the style draws one.</summary>
    public override void OnBatchEnd(TrainingContext context) =>
        _progress.Batch(context.Epoch, context.Epochs, context.Batch, context.BatchesInEpoch, context.MeanLoss);

    /// <summary>Writes the epoch's line: its number, the mean training loss and each metric, to four decimals.</summary>
    public override void OnEpochEnd(TrainingContext context, EpochSummary summary) =>
        _progress.Line(string.Create(CultureInfo.InvariantCulture, $"epoch {summary.Epoch,4}/{context.Epochs}  train loss {summary.TrainLoss:F4}")
            + string.Concat(summary.Metrics.Select(m => string.Create(CultureInfo.InvariantCulture, $"  {m.Key} {m.Value:F4}"))));

    /// <summary>Writes why the run stopped, when a callback stopped it.</summary>
    public override void OnTrainEnd(TrainingContext context)
    {
        if (context.StopReason is { } reason) _progress.Line(reason);
    }
}
