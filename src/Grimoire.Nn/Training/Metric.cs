namespace Grimoire.Nn.Training;

/// <summary>A named score measured on each validation batch and averaged over them, weighted by
/// <see cref="Weight"/> (each batch counts once when it is null; give the rows or tokens of a batch when batches
/// differ in size, so the mean is the mean over rows).</summary>
public sealed record Metric<TModel, TBatch>(string Name, Func<TModel, TBatch, double> Measure, Func<TBatch, double>? Weight = null);
