using Grimoire.Ml.Data;

namespace Grimoire.Ml.Models.Clustering;

/// <summary>k-means (book §4) by Lloyd's algorithm and k-medians (§5, L1 assignment and coordinate-wise medians),
/// with scikit-learn's settings: n_clusters (8), init (k-means++ | random | first), n_init (10; 1 for first),
/// max_iter (300), tol (1e-4, relative to the mean feature variance as in scikit-learn), random_state (0).
/// The best of n_init runs by objective is kept. A cluster left empty keeps its previous center.</summary>
public abstract class CenterClusteringPlugin(bool manhattan) : IModelPlugin
{
    public abstract string Name { get; }

    public abstract string BookSection { get; }

    public string Task => "clustering";

    public IFittedModel Fit(Dataset data, ModelSettings settings)
    {
        var k = settings.Int("n_clusters", 8, min: 1);
        var init = settings.Choice("init", "k-means++", Initialisation.Methods);
        var runs = settings.Int("n_init", init == "first" ? 1 : 10, min: 1, max: 1000);
        var maxIter = settings.Int("max_iter", 300, min: 1);
        var tol = settings.Double("tol", 1e-4, min: 0);
        var seed = settings.Int("random_state", 0, min: 0);
        settings.RejectUnread(Name);
        if (k > data.Rows) throw new ModelException($"n_clusters={k} is more than the {data.Rows} rows of {data.Source}");

        var d = data.X.Shape[1];
        var x = data.X.ToDoubleArray();
        var tolAbs = tol * MeanVariance(x, d);
        var rng = new Random(seed);
        var rowNorms = manhattan ? null : Centers.RowNorms(data.X);
        ClusterModel? best = null;
        for (var run = 0; run < runs; run++)
        {
            var fitted = Lloyd(data, x, d, Initialisation.Choose(init, x, d, k, rng), maxIter, tolAbs, rowNorms);
            if (best is null || fitted.Inertia < best.Inertia) best = fitted;
        }
        return best!;
    }

    public IFittedModel Restore(ModelState state) => ClusterModel.Restore(state, manhattan);

    private ClusterModel Lloyd(Dataset data, double[] x, int d, double[][] centers, int maxIter, double tolAbs, double[]? rowNorms)
    {
        int[]? previous = null;
        var iterations = 0;
        while (iterations < maxIter)
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

public sealed class KMeansPlugin() : CenterClusteringPlugin(manhattan: false)
{
    public override string Name => "kmeans";

    public override string BookSection => "§4";
}

public sealed class KMediansPlugin() : CenterClusteringPlugin(manhattan: true)
{
    public override string Name => "kmedians";

    public override string BookSection => "§5";
}
