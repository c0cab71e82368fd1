namespace Grimoire.Nn.Training;

/// <summary>What early stopping watches on the validation rows each epoch.</summary>
public enum StopMonitor
{
    /// <summary>Higher is better.</summary>
    ValidationAccuracy,

    /// <summary>The training loss function on the validation rows, in evaluation mode; lower is better.</summary>
    ValidationLoss,
}

/// <summary><see cref="Trainer"/>'s early stopping: an <see cref="EarlyStop"/> on the validation accuracy or loss.</summary>
public sealed record EarlyStopping
{
    /// <summary>Stop after <paramref name="patience"/> epochs without an improvement of more than <paramref name="minDelta"/> in
    /// <paramref name="monitor"/>, restoring the best epoch's parameters when <paramref name="restoreBest"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">a patience below 1, a negative or non-finite minimum improvement, or an
    /// undefined monitor.</exception>
    public EarlyStopping(int patience, StopMonitor monitor = StopMonitor.ValidationAccuracy, double minDelta = 0, bool restoreBest = true)
    {
        EarlyStop.Check(patience, minDelta);
        if (!Enum.IsDefined(monitor)) throw new ArgumentOutOfRangeException(nameof(monitor), monitor, "unknown monitor");
        (Patience, Monitor, MinDelta, RestoreBest) = (patience, monitor, minDelta, restoreBest);
    }

    /// <summary>Epochs in a row without improvement before the run stops, at least 1.</summary>
    public int Patience { get; }

    /// <summary>The validation value watched.</summary>
    public StopMonitor Monitor { get; }

    /// <summary>An epoch improves only when it beats the best so far by more than this; ≥ 0.</summary>
    public double MinDelta { get; }

    /// <summary>Whether the best epoch's parameters and buffers are copied back when training ends.</summary>
    public bool RestoreBest { get; }

    /// <summary>The same rule on the <see cref="Trainer"/> metric that <see cref="Monitor"/> names.</summary>
    internal EarlyStop ToCallback() => Monitor == StopMonitor.ValidationAccuracy
        ? new(Trainer.AccuracyMetric, Goal.Maximize, Patience, MinDelta, RestoreBest)
        : new(Trainer.LossMetric, Goal.Minimize, Patience, MinDelta, RestoreBest);
}
