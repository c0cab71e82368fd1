using Grimoire.Nn;

namespace Grimoire.Models.Networks;

/// <summary>What a training run hands back: the network that predicts (owned by the caller from then on), the last
/// epoch's mean loss, the metric and further figures.</summary>
public sealed record TrainedNetwork(Module Network, double TrainLoss, double Metric)
{
    /// <summary>Further named figures, written after the metric.</summary>
    public IReadOnlyDictionary<string, double> Extra { get; init; } = new Dictionary<string, double>();
}
