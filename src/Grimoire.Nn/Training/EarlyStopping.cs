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
    public EarlyStopping(int patience, StopMonitor monitor = StopMonitor.ValidationAccuracy, double minDelta = 0, bool restoreBest = true)
    {
        EarlyStop.Check(patience, minDelta);
        if (!Enum.IsDefined(monitor)) throw new ArgumentOutOfRangeException(nameof(monitor), monitor, "unknown monitor");
        (Patience, Monitor, MinDelta, RestoreBest) = (patience, monitor, minDelta, restoreBest);
    }

    public int Patience { get; }

    public StopMonitor Monitor { get; }

    public double MinDelta { get; }

    public bool RestoreBest { get; }

    /// <summary>The same rule on the <see cref="Trainer"/> metric that <see cref="Monitor"/> names.</summary>
    internal EarlyStop ToCallback() => Monitor == StopMonitor.ValidationAccuracy
        ? new(Trainer.AccuracyMetric, Goal.Maximize, Patience, MinDelta, RestoreBest)
        : new(Trainer.LossMetric, Goal.Minimize, Patience, MinDelta, RestoreBest);
}
