using System.Globalization;
using System.Text.Json;

namespace Grimoire.Ml.Models.Clustering;

/// <summary>Fitted k-means or k-medians: the centers, the within-cluster objective (inertia: squared Euclidean for
/// k-means, L1 for k-medians) and the iterations of the best run. Predicts the nearest center's index.</summary>
public sealed class ClusterModel(string model, IReadOnlyList<string> features, double[][] centers, double inertia, int iterations, bool manhattan) : IFittedModel
{
    /// <inheritdoc/>
    public string Model { get; } = model;

    /// <inheritdoc/>
    public IReadOnlyList<string> Features { get; } = features;

    /// <summary>The centers [clusters][features], in cluster-index order.</summary>
    public double[][] ClusterCenters { get; } = centers;

    /// <summary>The best run's objective: the sum over rows of the distance to their center (squared Euclidean for
    /// k-means, L1 for k-medians).</summary>
    public double Inertia { get; } = inertia;

    /// <summary>Lloyd iterations the best run took.</summary>
    public int Iterations { get; } = iterations;

    /// <inheritdoc/>
    public void WriteFitFields(Utf8JsonWriter json)
    {
        json.WriteStartArray("centers");
        foreach (var center in ClusterCenters)
        {
            json.WriteStartArray();
            foreach (var v in center) json.WriteNumberValue(v);
            json.WriteEndArray();
        }
        json.WriteEndArray();
        json.WriteNumber("inertia", Inertia);
        json.WriteNumber("n_iter", Iterations);
    }

    /// <summary>The index of the nearest center for each row of <paramref name="x"/> (float32 or float64 arrays, spans
    /// or tensors, with the fitted number of columns).</summary>
    public int[] Predict(InputMatrix x)
    {
        ArgumentNullException.ThrowIfNull(x);
        using var rows = x.ForModel(Features);
        return manhattan ? Manhattan.Nearest(rows.ToDoubleArray(), rows.Shape[1], ClusterCenters).Labels : Centers.Nearest(rows, ClusterCenters).Labels;
    }

    /// <summary>The catalogue's form of <see cref="Predict(InputMatrix)"/>: the cluster indices as numbers.</summary>
    public Prediction Predict(Tensor x) => new([.. Predict((InputMatrix)x).Select(l => (double)l)]);

    /// <inheritdoc/>
    public ModelState Save() => new(Model, Features,
        new Dictionary<string, string> { ["inertia"] = Inertia.ToString("R", CultureInfo.InvariantCulture), ["n_iter"] = Iterations.ToString(CultureInfo.InvariantCulture) },
        new Dictionary<string, ModelArray> { ["centers"] = ModelArray.Matrix(ClusterCenters) });

    /// <summary>The model in <paramref name="s"/>, checked: at least one center, each a finite point over the features.</summary>
    public static ClusterModel Restore(ModelState s, bool manhattan)
    {
        s.RequireOnlyArrays("centers");
        return new(s.Model, s.Features, s.Matrix("centers", s.Features.Count), s.Number("inertia"), s.Count("n_iter"), manhattan);
    }
}
