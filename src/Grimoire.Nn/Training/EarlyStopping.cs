namespace Grimoire.Nn.Training;

/// <summary>What early stopping watches on the validation rows each epoch.</summary>
public enum StopMonitor
{
    /// <summary>Higher is better.</summary>
    ValidationAccuracy,

    /// <summary>The training loss function on the validation rows, in evaluation mode; lower is better.</summary>
    ValidationLoss,
}

/// <summary>Stops training once the monitored validation value has not improved by more than
/// <see cref="MinDelta"/> for <see cref="Patience"/> epochs in a row, since further epochs then mostly fit noise.
/// With <see cref="RestoreBest"/> (the default) the parameters and buffers of the best epoch are copied back when
/// training ends, whether it stopped early or ran all its epochs, so the model is the one the validation set preferred rather than the last one; without it the model is
/// left as the last epoch made it.</summary>
public sealed record EarlyStopping
{
    public EarlyStopping(int patience, StopMonitor monitor = StopMonitor.ValidationAccuracy, double minDelta = 0, bool restoreBest = true)
    {
        if (patience < 1) throw new ArgumentOutOfRangeException(nameof(patience), patience, "patience must be at least one epoch");
        if (!(minDelta >= 0) || !double.IsFinite(minDelta)) throw new ArgumentOutOfRangeException(nameof(minDelta), minDelta, "min delta must be a finite number >= 0");
        if (!Enum.IsDefined(monitor)) throw new ArgumentOutOfRangeException(nameof(monitor), monitor, "unknown monitor");
        (Patience, Monitor, MinDelta, RestoreBest) = (patience, monitor, minDelta, restoreBest);
    }

    public int Patience { get; }

    public StopMonitor Monitor { get; }

    public double MinDelta { get; }

    public bool RestoreBest { get; }
}
