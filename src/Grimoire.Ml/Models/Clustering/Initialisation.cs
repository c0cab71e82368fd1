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
    /// <summary><paramref name="k"/> starting centers [k][d] drawn from the rows of <paramref name="x"/> (row-major,
    /// <paramref name="d"/> columns) by <paramref name="method"/>, using <paramref name="rng"/> for the random ones.
    /// k must be at most the number of rows.</summary>
    public static double[][] Choose(KMeansInit method, double[] x, int d, int k, Random rng)
    {
        var n = x.Length / d;
        double[] Row(int i) => x.AsSpan(i * d, d).ToArray();
        switch (method)
        {
            case KMeansInit.First:
                return Enumerable.Range(0, k).Select(Row).ToArray();
            case KMeansInit.Random:
                return Enumerable.Range(0, n).OrderBy(_ => rng.Next()).Take(k).Select(Row).ToArray();
            default:
                var centers = new List<double[]> { Row(rng.Next(n)) };
                var nearest = Enumerable.Range(0, n).Select(i => SquaredDistance(x, i, d, centers[0])).ToArray();
                while (centers.Count < k)
                {
                    var total = nearest.Sum();
                    var pick = total > 0 ? Draw(nearest, rng.NextDouble() * total) : rng.Next(n);
                    centers.Add(Row(pick));
                    for (var i = 0; i < n; i++) nearest[i] = Math.Min(nearest[i], SquaredDistance(x, i, d, centers[^1]));
                }
                return [.. centers];
        }
    }

    private static int Draw(double[] weights, double target)
    {
        var cumulative = 0.0;
        for (var i = 0; i < weights.Length; i++)
        {
            cumulative += weights[i];
            if (target < cumulative) return i;
        }
        return weights.Length - 1;
    }

    private static double SquaredDistance(double[] x, int row, int d, double[] center)
    {
        var sum = 0.0;
        for (var f = 0; f < d; f++)
        {
            var diff = x[row * d + f] - center[f];
            sum += diff * diff;
        }
        return sum;
    }
}
