using Grimoire.Ml.Kernels;
using Grimoire.Ml.Models.Settings;

namespace Grimoire.Ml.Models.Clustering;

/// <summary>How the starting centers are chosen (see <see cref="Initialisation"/>).</summary>
public enum KMeansInit
{
    /// <summary>k-means++ seeding.</summary>
    [Setting("k-means++")]
    KMeansPlusPlus,

    /// <summary>k distinct random rows.</summary>
    Random,

    /// <summary>The first k rows, deterministic (for comparisons).</summary>
    First,
}

/// <summary>Starting centers (book §4.2): the first k rows ("first", deterministic, for comparisons), k distinct
/// random rows ("random"), or k-means++ (each next center drawn with probability proportional to the squared
/// distance to the nearest center chosen so far; Arthur and Vassilvitskii 2007).</summary>
public static class Initialisation
{
    /// <summary><paramref name="k"/> starting centers [k][d] drawn from the rows of <paramref name="x"/> [n, d] by
    /// <paramref name="method"/>, using <paramref name="rng"/> for the random ones. k must be at most the number of rows.</summary>
    /// <param name="method">How to choose.</param>
    /// <param name="x">The rows (float64; any other dtype is copied).</param>
    /// <param name="k">Centers to choose.</param>
    /// <param name="rng">The generator of the random choices.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="k"/> is below 1 or above the number of rows.</exception>
    /// <exception cref="ShapeException"><paramref name="x"/> is not a matrix with at least one row and column.</exception>
    public static double[][] Choose(KMeansInit method, Tensor x, int k, Random rng)
    {
        ArgumentNullException.ThrowIfNull(x);
        using var rows = new HostValues(x);
        return Choose(method, rows, k, rng);
    }

    internal static double[][] Choose(KMeansInit method, HostValues x, int k, Random rng)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(k, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(k, x.Rows);
        var (n, d) = (x.Rows, x.Columns);
        switch (method)
        {
            case KMeansInit.First:
                return Rows(x.Span, d, Enumerable.Range(0, k));
            case KMeansInit.Random:
                return Rows(x.Span, d, Enumerable.Range(0, n).OrderBy(_ => rng.Next()).Take(k));
            default:
                // Each pass lowers every row's distance by the newest center and returns the total (SeedDistances).
                var centers = new List<double[]> { Row(x.Span, d, rng.Next(n)) };
                var nearest = new double[n];
                Array.Fill(nearest, double.PositiveInfinity);
                var total = SeedDistances.Lower(x, centers[0], nearest);
                while (centers.Count < k)
                {
                    var pick = total > 0 ? Draw(nearest, rng.NextDouble() * total) : rng.Next(n);
                    centers.Add(Row(x.Span, d, pick));
                    total = SeedDistances.Lower(x, centers[^1], nearest);
                }
                return [.. centers];
        }
    }

    private static double[] Row(ReadOnlySpan<double> x, int d, int i) => x.Slice(i * d, d).ToArray();

    private static double[][] Rows(ReadOnlySpan<double> x, int d, IEnumerable<int> indices)
    {
        var rows = new List<double[]>();
        foreach (var i in indices) rows.Add(Row(x, d, i));
        return [.. rows];
    }

    /// <summary>The row whose weight interval holds <paramref name="target"/>; when rounding leaves the running sum just
    /// short of the total, the last row of positive weight (never a row that is already a center).</summary>
    private static int Draw(double[] weights, double target)
    {
        var cumulative = 0.0;
        for (var i = 0; i < weights.Length; i++)
        {
            cumulative += weights[i];
            if (target < cumulative) return i;
        }
        return Array.FindLastIndex(weights, w => w > 0);
    }
}
