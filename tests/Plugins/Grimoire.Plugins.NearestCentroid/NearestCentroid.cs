using Grimoire.Ml.Data;
using Grimoire.Ml.Models;
using Grimoire.Ml.Models.Settings;

[assembly: ModelProvider(typeof(Grimoire.Plugins.NearestCentroid.NearestCentroidModels))]

namespace Grimoire.Plugins.NearestCentroid;

/// <summary>The models this plugin adds to the catalogue.</summary>
public sealed class NearestCentroidModels : IModelProvider
{
    /// <inheritdoc/>
    public IEnumerable<IModelPlugin> Models =>
        [new EstimatorPlugin<NearestCentroid, CentroidModel>("§4", "classification", "each class's centroid; a row takes the class of the nearest one", "objective", CentroidModel.Restore)];
}

/// <summary>A nearest-centroid classifier, built on book §4's centroid: each class is summarised by the mean of its rows
/// (or the coordinate-wise median with the Manhattan metric, as k-medians does), and a row takes the class of the
/// nearest summary. A sample of a model plugin written outside the engine.</summary>
public sealed class NearestCentroid : SupervisedEstimator<CentroidModel>, IEstimator<CentroidModel>
{
    /// <inheritdoc/>
    public static string ModelName => "nearest-centroid";

    /// <summary>How distance is measured, and so which centre summarises a class.</summary>
    [Setting("metric", Doc = "euclidean (class means) or manhattan (class medians)")]
    public CentroidMetric Metric { get; init; } = CentroidMetric.Euclidean;

    /// <summary>Summarises each class of the target; at least two classes are needed.</summary>
    public override CentroidModel Fit(Dataset data)
    {
        ArgumentNullException.ThrowIfNull(data);
        EstimatorSettings.Validate(this);
        var target = data.RequireTarget(ModelName); // the data set's own tensor, not ours to dispose
        var (x, y, columns) = (data.X.ToDoubleArray(), target.ToDoubleArray(), data.Features.Count);
        var classes = y.Distinct().Order().ToArray();
        if (classes.Length < 2) throw new Grimoire.Ml.ModelException($"{ModelName} needs at least two classes in the target, got {classes.Length}");
        var centres = classes.Select(c => Centre(x, y, columns, c)).ToArray();
        var model = new CentroidModel(data.Features, classes, centres, Metric);
        var predicted = model.Predict(data.X).Values;
        return model with { Objective = predicted.Where((p, i) => p != y[i]).Count() / (double)y.Length };
    }

    private double[] Centre(double[] x, double[] y, int columns, double label)
    {
        var rows = Enumerable.Range(0, y.Length).Where(i => y[i] == label).ToArray();
        return Enumerable.Range(0, columns).Select(j =>
        {
            var values = rows.Select(i => x[(long)i * columns + j]).Order().ToArray();
            return Metric == CentroidMetric.Manhattan ? values[(values.Length - 1) / 2] * 0.5 + values[values.Length / 2] * 0.5 : values.Average();
        }).ToArray();
    }
}

/// <summary>The distance of <see cref="NearestCentroid"/>.</summary>
public enum CentroidMetric
{
    /// <summary>Squared Euclidean distance to class means.</summary>
    Euclidean,

    /// <summary>Manhattan distance to class medians.</summary>
    Manhattan,
}
