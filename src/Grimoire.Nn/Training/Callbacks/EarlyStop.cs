using System.Globalization;

namespace Grimoire.Nn.Training;

/// <summary>Whether a monitored value is better higher or lower.</summary>
public enum Goal
{
    /// <summary>Lower is better (a loss).</summary>
    Minimize,

    /// <summary>Higher is better (an accuracy).</summary>
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
    private bool _resumed;

    /// <summary>Watches the metric named <paramref name="metric"/> of each <see cref="EpochSummary"/>. Dispose it after the run:
    /// with <paramref name="restoreBest"/> it holds a copy of the best epoch's parameters and buffers.</summary>
    /// <exception cref="ArgumentException">an empty or blank metric name.</exception>
    /// <exception cref="ArgumentOutOfRangeException">an undefined goal, a patience below 1, or a negative or non-finite
    /// minimum improvement.</exception>
    public EarlyStop(string metric, Goal goal, int patience, double minDelta = 0, bool restoreBest = true)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(metric);
        if (!Enum.IsDefined(goal)) throw new ArgumentOutOfRangeException(nameof(goal), goal, "unknown goal");
        Check(patience, minDelta);
        (Metric, Goal, Patience, MinDelta, RestoreBest) = (metric, goal, patience, minDelta, restoreBest);
    }

    /// <summary>The name of the metric watched, as in <see cref="TrainingLoop{TModel, TBatch}.Metrics"/>.</summary>
    public string Metric { get; }

    /// <summary>Whether the metric is better lower or higher.</summary>
    public Goal Goal { get; }

    /// <summary>Epochs in a row without improvement before the run stops, at least 1.</summary>
    public int Patience { get; }

    /// <summary>An epoch improves only when it beats the best so far by more than this; ≥ 0.</summary>
    public double MinDelta { get; }

    /// <summary>Whether the best epoch's parameters and buffers are copied back when training ends.</summary>
    public bool RestoreBest { get; }

    /// <summary>The checks every early-stopping rule makes on its settings.</summary>
    internal static void Check(int patience, double minDelta)
    {
        if (patience < 1) throw new ArgumentOutOfRangeException(nameof(patience), patience, "patience must be at least one epoch");
        if (!(minDelta >= 0) || !double.IsFinite(minDelta)) throw new ArgumentOutOfRangeException(nameof(minDelta), minDelta, "min delta must be a finite number >= 0");
    }

    /// <summary>Starts tracking afresh, forgetting any earlier run's best.</summary>
    public override void OnTrainBegin(TrainingContext context)
    {
        if (_resumed)
        {
            _resumed = true;
            return;
        }
        _tracker?.Dispose();
        _tracker = new BestEpochTracker(this, context.Model);
    }

    /// <summary>The best epoch's copy of the parameters and buffers (with <see cref="RestoreBest"/>).</summary>
    protected internal override IReadOnlyList<(string Name, Tensor Tensor)> CheckpointTensors(TrainingContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        _tracker ??= new BestEpochTracker(this, context.Model);
        return _tracker.Snapshot;
    }

    /// <summary>The best value, its epoch and the epochs since.</summary>
    protected internal override IReadOnlyDictionary<string, string> CheckpointStrings() => _tracker?.Counters ?? base.CheckpointStrings();

    /// <summary>Takes up the stored counters, so the next <c>Fit</c> continues this run's patience instead of starting anew.</summary>
    protected internal override Action ReadCheckpoint(IReadOnlyDictionary<string, string> strings, Func<string, Exception> invalid)
    {
        var set = _tracker!.ReadCounters(strings, invalid);
        return () =>
        {
            set();
            _resumed = true;
        };
    }

    /// <summary>Records the epoch's metric and stops the run once patience runs out.</summary>
    /// <exception cref="KeyNotFoundException">the summary has no metric of that name.</exception>
    public override void OnEpochEnd(TrainingContext context, EpochSummary summary)
    {
        if (!_tracker!.Observe(summary.Epoch, summary[Metric])) return;
        context.Stop(string.Create(CultureInfo.InvariantCulture,
            $"early stop after epoch {summary.Epoch}: best {Metric} {_tracker.Best:F4} at epoch {_tracker.BestEpoch}"));
    }

    /// <summary>Copies the best epoch's state back into the model when <see cref="RestoreBest"/> is set.</summary>
    public override void OnTrainEnd(TrainingContext context)
    {
        if (RestoreBest) _tracker?.RestoreBest();
    }

    /// <summary>Frees the copy of the best epoch's state.</summary>
    public void Dispose() => _tracker?.Dispose();
}
