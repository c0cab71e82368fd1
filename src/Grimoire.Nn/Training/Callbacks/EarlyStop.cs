using System.Globalization;

namespace Grimoire.Nn.Training;

/// <summary>Whether a monitored value is better higher or lower.</summary>
public enum Goal
{
    Minimize,
    Maximize,
}

/// <summary>Stops training once the metric <see cref="Metric"/> has not improved by more than <see cref="MinDelta"/>
/// for <see cref="Patience"/> epochs in a row, since further epochs then mostly fit noise. With
/// <see cref="RestoreBest"/> (the default) the parameters and buffers of the best epoch are copied back when training
/// ends, whether it stopped early or ran all its epochs, so the model is the one the validation set preferred rather
/// than the last one; without it the model is left as the last epoch made it.</summary>
public sealed class EarlyStop : TrainingCallback, IDisposable
{
    private BestEpochTracker? _tracker;

    public EarlyStop(string metric, Goal goal, int patience, double minDelta = 0, bool restoreBest = true)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(metric);
        if (!Enum.IsDefined(goal)) throw new ArgumentOutOfRangeException(nameof(goal), goal, "unknown goal");
        Check(patience, minDelta);
        (Metric, Goal, Patience, MinDelta, RestoreBest) = (metric, goal, patience, minDelta, restoreBest);
    }

    public string Metric { get; }

    public Goal Goal { get; }

    public int Patience { get; }

    public double MinDelta { get; }

    public bool RestoreBest { get; }

    /// <summary>The checks every early-stopping rule makes on its settings.</summary>
    internal static void Check(int patience, double minDelta)
    {
        if (patience < 1) throw new ArgumentOutOfRangeException(nameof(patience), patience, "patience must be at least one epoch");
        if (!(minDelta >= 0) || !double.IsFinite(minDelta)) throw new ArgumentOutOfRangeException(nameof(minDelta), minDelta, "min delta must be a finite number >= 0");
    }

    public override void OnTrainBegin(TrainingContext context)
    {
        _tracker?.Dispose();
        _tracker = new BestEpochTracker(this, context.Model);
    }

    public override void OnEpochEnd(TrainingContext context, EpochSummary summary)
    {
        if (!_tracker!.Observe(summary.Epoch, summary[Metric])) return;
        context.Stop(string.Create(CultureInfo.InvariantCulture,
            $"early stop after epoch {summary.Epoch}: best {Metric} {_tracker.Best:F4} at epoch {_tracker.BestEpoch}"));
    }

    public override void OnTrainEnd(TrainingContext context)
    {
        if (RestoreBest) _tracker?.RestoreBest();
    }

    public void Dispose() => _tracker?.Dispose();
}
