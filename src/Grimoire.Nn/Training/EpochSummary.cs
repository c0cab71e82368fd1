namespace Grimoire.Nn.Training;

/// <summary>One finished epoch: the mean training loss over its batches (weighted by the loop's batch weight) and the
/// mean of each metric over the validation batches, in the order the metrics were given.</summary>
public sealed record EpochSummary(int Epoch, double TrainLoss, IReadOnlyList<KeyValuePair<string, double>> Metrics)
{
    /// <summary>The metric named <paramref name="name"/>.</summary>
    /// <exception cref="KeyNotFoundException">no metric has that name.</exception>
    public double this[string name] => TryGet(name, out var value) ? value
        : throw new KeyNotFoundException($"epoch {Epoch} has no metric '{name}' (it has {(Metrics.Count == 0 ? "none" : string.Join(", ", Metrics.Select(m => $"'{m.Key}'")))})");

    /// <summary>The metric named <paramref name="name"/> in <paramref name="value"/> (NaN when absent), or false when there is none.</summary>
    public bool TryGet(string name, out double value)
    {
        foreach (var (key, v) in Metrics)
        {
            if (key != name) continue;
            value = v;
            return true;
        }
        value = double.NaN;
        return false;
    }
}
