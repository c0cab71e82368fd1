using Grimoire.Ml.Data;
using Grimoire.Ml.Kernels;
using Grimoire.Ml.Models.Settings;

namespace Grimoire.Ml.Models.Clustering;

/// <summary>k-means (book §4) by Lloyd's algorithm and k-medians (§5, L1 assignment and coordinate-wise medians),
/// with scikit-learn's settings. The best of n_init runs by objective is kept. A cluster left empty keeps its
/// previous center.</summary>
[UsesKernels(typeof(NearestCenters), typeof(SeedDistances), typeof(ColumnMoments))]
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

        using var x = new HostValues(data.X);
        var tolAbs = Tol == 0 ? 0 : Tol * MeanVariance(x);
        var rng = new Random(RandomState);
        ClusterModel? best = null;
        for (var run = 0; run < runs; run++)
        {
            var fitted = Lloyd(data, x, Initialisation.Choose(Init, x, k, rng), tolAbs);
            if (best is null || fitted.Inertia < best.Inertia) best = fitted;
        }
        return best!;
    }

    private ClusterModel Lloyd(Dataset data, HostValues x, double[][] centers, double tolAbs)
    {
        int[]? previous = null;
        // The assignment to the current centers, while no update has moved them since it was made (then the closing
        // assignment that measures the inertia would repeat it exactly).
        Centers.Assignment? current = null;
        var iterations = 0;
        while (iterations < MaxIter)
        {
            iterations++;
            var (assignment, updates) = Step(x, centers);
            var (shift, moved) = (0.0, false);
            for (var c = 0; c < centers.Length; c++)
            {
                var updated = updates[c];
                if (updated is null) continue;
                for (var f = 0; f < updated.Length; f++)
                {
                    var step = updated[f] - centers[c][f];
                    shift += step * step;
                    moved |= step != 0;
                }
                centers[c] = updated;
            }
            current = moved ? null : assignment;
            if (previous is not null && SameLabels(assignment.Labels, previous)) break;
            if (shift <= tolAbs) break;
            previous = assignment.Labels;
        }
        var inertia = (current ?? Assign(x, centers)).Inertia;
        return new ClusterModel(Name, data.Features, centers, inertia, iterations, manhattan);
    }

    /// <summary>One Lloyd iteration's two steps: each row's nearest center, and each center's update (the mean, or
    /// for k-medians the coordinate-wise median, of its rows; null for a center no row is nearest to).</summary>
    private (Centers.Assignment Assignment, double[]?[] Updates) Step(HostValues x, double[][] centers)
    {
        if (!manhattan) return Centers.NearestWithMeans(x, centers);
        var assignment = Manhattan.Nearest(x.Span, x.Columns, centers);
        var updates = new double[]?[centers.Length];
        for (var c = 0; c < centers.Length; c++) updates[c] = Manhattan.Median(x.Span, x.Columns, assignment.Labels, c);
        return (assignment, updates);
    }

    private Centers.Assignment Assign(HostValues x, double[][] centers) =>
        manhattan ? Manhattan.Nearest(x.Span, x.Columns, centers) : Centers.Nearest(x, centers);

    /// <summary>The mean over the features of each feature's population variance: what tol is relative to.</summary>
    private static double MeanVariance(HostValues x)
    {
        var total = 0.0;
        foreach (var squares in ColumnMoments.SquaredDeviations(x, ColumnMoments.Means(x))) total += squares / x.Rows;
        return total / x.Columns;
    }

    // The fit path keeps to plain loops: LINQ and span helpers over int and double are generic instantiations that no
    // ReadyToRun image holds, and the JIT compiling them cost a fresh process more than a short fit itself.
    private static bool SameLabels(int[] a, int[] b)
    {
        for (var i = 0; i < a.Length; i++)
            if (a[i] != b[i]) return false;
        return true;
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
