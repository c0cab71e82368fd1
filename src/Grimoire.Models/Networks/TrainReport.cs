namespace Grimoire.Models.Networks;

/// <summary>What training a network reports: epochs run, the last epoch's mean training loss, the model's metric (its
/// name is the plugin's <see cref="Grimoire.Ml.Models.IModelPlugin.Metric"/>), wall-clock seconds from the start of
/// training (data loading included) and further figures such as a baseline to compare with.</summary>
public sealed record TrainReport(int Epochs, double TrainLoss, double Metric, double Seconds)
{
    /// <summary>Further named figures, written after the metric.</summary>
    public IReadOnlyDictionary<string, double> Extra { get; init; } = new Dictionary<string, double>();
}
