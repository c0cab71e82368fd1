using Grimoire.Ml.Data;
using Grimoire.Ml.Models.Settings;

namespace Grimoire.Ml.Models.Clustering;

/// <summary>k-means (book §4) by Lloyd's algorithm and k-medians (§5, L1 assignment and coordinate-wise medians),
/// with scikit-learn's settings. The best of n_init runs by objective is kept. A cluster left empty keeps its
/// previous center.</summary>
public abstract class CenterClustering(bool manhattan) : UnsupervisedEstimator<ClusterModel>
{
    /// <summary>The number of clusters k, ≥ 1 and at most the number of rows (8).</summary>
    [Setting("n_clusters", Doc = "number of clusters k (at most the number of rows)", Minimum = 1)]
    public int NClusters { get; init; } = 8;

    /// <summary>How the starting centers are chosen: k-means++ (default), random or first.</summary>
    [Setting("init", Doc = "starting centers")]
    public KMeansInit Init { get; init; } = KMeansInit.KMeansPlusPlus;

    /// <summary>Runs from different starts, 1 to 1000; null (auto) means 10, or 1 with <see cref="KMeansInit.First"/>,
    /// whose start is always the same.</summary>
    [Setting("n_init", Doc = "runs from different starts; auto is 10, or 1 with init=first", Minimum = 1, Maximum = 1000)]
    public int? NInit { get; init; }

    /// <summary>The most Lloyd iterations per run, ≥ 1 (300).</summary>
    [Setting("max_iter", Doc = "most Lloyd iterations per run", Minimum = 1)]
    public int MaxIter { get; init; } = 300;

    /// <summary>Stop once the centers move less than tol times the mean feature variance (squared), ≥ 0 (1e-4), as in
    /// scikit-learn.</summary>
    [Setting("tol", Doc = "center-shift bound relative to the mean feature variance", Minimum = 0)]
    public double Tol { get; init; } = 1e-4;

    /// <summary>Seed of the starts, ≥ 0 (0).</summary>
    [Setting("random_state", Doc = "seed of the starting centers", Minimum = 0)]
    public int RandomState { get; init; } = 0;

    internal abstract string Name { get; }

    /// <inheritdoc/>
    /// <exception cref="ModelException">a setting is out of range, or <see cref="NClusters"/> exceeds the rows.</exception>
    public override ClusterModel Fit(Dataset data)
    {
        EstimatorSettings.Validate(this);
        var k = NClusters;
        if (k > data.Rows) throw new ModelException($"n_clusters={k} is more than the {data.Rows} rows of {data.Source}");
        var runs = NInit ?? (Init == KMeansInit.First ? 1 : 10);

        var d = data.X.Shape[1];
        var x = data.X.ToDoubleArray();
        var tolAbs = Tol * MeanVariance(x, d);
        var rng = new Random(RandomState);
        var rowNorms = manhattan ? null : Centers.RowNorms(data.X);
        ClusterModel? best = null;
        for (var run = 0; run < runs; run++)
        {
            var fitted = Lloyd(data, x, d, Initialisation.Choose(Init, x, d, k, rng), tolAbs, rowNorms);
            if (best is null || fitted.Inertia < best.Inertia) best = fitted;
        }
        return best!;
    }

    private ClusterModel Lloyd(Dataset data, double[] x, int d, double[][] centers, double tolAbs, double[]? rowNorms)
    {
        int[]? previous = null;
        var iterations = 0;
        while (iterations < MaxIter)
        {
            iterations++;
            var labels = Assign(data.X, x, d, centers, rowNorms).Labels;
            var shift = 0.0;
            var means = manhattan ? null : Means(x, d, labels, centers.Length);
            for (var c = 0; c < centers.Length; c++)
            {
                var updated = manhattan ? Manhattan.Median(x, d, labels, c) : means![c];
                if (updated is null) continue;
                for (var f = 0; f < d; f++) shift += (updated[f] - centers[c][f]) * (updated[f] - centers[c][f]);
                centers[c] = updated;
            }
            if (previous is not null && labels.SequenceEqual(previous)) break;
            if (shift <= tolAbs) break;
            previous = labels;
        }
        return new ClusterModel(Name, data.Features, centers, Assign(data.X, x, d, centers, rowNorms).Inertia, iterations, manhattan);
    }

    private Centers.Assignment Assign(Tensor xTensor, double[] x, int d, double[][] centers, double[]? rowNorms) =>
        manhattan ? Manhattan.Nearest(x, d, centers) : Centers.Nearest(xTensor, centers, rowNorms);

    /// <summary>The mean of each cluster's rows in one pass over the data (null for an empty cluster).</summary>
    private static double[]?[] Means(double[] x, int d, int[] labels, int clusters)
    {
        var sums = new double[clusters * d];
        var counts = new int[clusters];
        for (var i = 0; i < labels.Length; i++)
        {
            var c = labels[i];
            counts[c]++;
            for (var f = 0; f < d; f++) sums[c * d + f] += x[i * d + f];
        }
        return Enumerable.Range(0, clusters).Select(c => counts[c] == 0 ? null : sums.AsSpan(c * d, d).ToArray().Select(v => v / counts[c]).ToArray()).ToArray();
    }

    private static double MeanVariance(double[] x, int d)
    {
        var n = x.Length / d;
        var total = 0.0;
        for (var f = 0; f < d; f++)
        {
            var mean = 0.0;
            for (var i = 0; i < n; i++) mean += x[i * d + f];
            mean /= n;
            for (var i = 0; i < n; i++) total += (x[i * d + f] - mean) * (x[i * d + f] - mean) / n;
        }
        return total / d;
    }
}

/// <summary>k-means (book §4): squared Euclidean assignment, centers are cluster means.
/// <c>new KMeans { NClusters = 3 }.Fit(x).Predict(x)</c> gives each row's cluster index.</summary>
public sealed class KMeans() : CenterClustering(manhattan: false), IEstimator<ClusterModel>
{
    /// <inheritdoc/>
    public static string ModelName => "kmeans";

    internal override string Name => ModelName;
}

/// <summary>k-medians (book §5): L1 assignment, centers are coordinate-wise medians; inertia is the L1 total.</summary>
public sealed class KMedians() : CenterClustering(manhattan: true), IEstimator<ClusterModel>
{
    /// <inheritdoc/>
    public static string ModelName => "kmedians";

    internal override string Name => ModelName;
}
