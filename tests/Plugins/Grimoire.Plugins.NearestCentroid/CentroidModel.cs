using System.Globalization;
using System.Text.Json;
using Grimoire.Ml.Models;

namespace Grimoire.Plugins.NearestCentroid;

/// <summary>A fitted <see cref="NearestCentroid"/>: the class labels, one centre per class, the metric, and the training
/// error rate as its objective.</summary>
public sealed record CentroidModel(IReadOnlyList<string> Features, double[] Classes, double[][] Centres, CentroidMetric Metric) : IFittedModel
{
    /// <summary>The fraction of training rows it misclassifies.</summary>
    public double Objective { get; init; }

    /// <inheritdoc/>
    public string Model => NearestCentroid.ModelName;

    /// <inheritdoc/>
    public void WriteFitFields(Utf8JsonWriter json)
    {
        ArgumentNullException.ThrowIfNull(json);
        json.WriteStartArray("classes");
        foreach (var c in Classes) json.WriteNumberValue(c);
        json.WriteEndArray();
        json.WriteString("metric", Metric == CentroidMetric.Manhattan ? "manhattan" : "euclidean");
        json.WriteNumber("objective", Objective);
    }

    /// <inheritdoc/>
    public Prediction Predict(Tensor x)
    {
        ArgumentNullException.ThrowIfNull(x);
        if (x.Shape.Rank != 2 || x.Shape[1] != Features.Count) throw new ArgumentException($"{Model} predicts from [rows, {Features.Count}], got {x.Shape}", nameof(x));
        var (values, columns) = (x.ToDoubleArray(), Features.Count);
        return new Prediction(Enumerable.Range(0, x.Shape[0]).Select(r => Classes[Nearest(values.AsSpan(r * columns, columns))]).ToArray());
    }

    /// <inheritdoc/>
    public ModelState Save() => new(Model, Features,
        new Dictionary<string, string> { ["metric"] = Metric.ToString(), ["objective"] = Objective.ToString("R", CultureInfo.InvariantCulture) },
        new Dictionary<string, ModelArray> { ["classes"] = ModelArray.Vector(Classes), ["centres"] = ModelArray.Matrix(Centres) });

    /// <summary>The model in <paramref name="state"/>, checked: a centre per class over the features, a known metric.</summary>
    public static CentroidModel Restore(ModelState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        state.RequireOnlyArrays("classes", "centres");
        var classes = state.Vector("classes");
        if (!Enum.TryParse<CentroidMetric>(state.Meta("metric"), out var metric) || !Enum.IsDefined(metric))
            throw state.Invalid($"metadata 'metric' must be Euclidean or Manhattan, got '{state.Meta("metric")}'");
        return new CentroidModel(state.Features, classes, state.Matrix("centres", state.Features.Count, classes.Length), metric) { Objective = state.Number("objective") };
    }

    private int Nearest(ReadOnlySpan<double> row)
    {
        var (best, bestDistance) = (0, double.PositiveInfinity);
        for (var c = 0; c < Centres.Length; c++)
        {
            var d = 0.0;
            for (var j = 0; j < row.Length; j++) d += Metric == CentroidMetric.Manhattan ? Math.Abs(row[j] - Centres[c][j]) : (row[j] - Centres[c][j]) * (row[j] - Centres[c][j]);
            if (d < bestDistance) (best, bestDistance) = (c, d);
        }
        return best;
    }
}
