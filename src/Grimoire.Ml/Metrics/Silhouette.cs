namespace Grimoire.Ml.Metrics;

/// <summary>The mean silhouette coefficient of a clustering (book §4.4, Rousseeuw 1987): for each point,
/// (b − a) / max(a, b) with a its mean Euclidean distance to the rest of its cluster and b the smallest mean
/// distance to another cluster; 0 for points alone in their cluster, as in scikit-learn. Needs all n² distances
/// (one engine matmul for the cross terms), so it is limited to <see cref="MaxRows"/> rows.</summary>
public static class Silhouette
{
    /// <summary>The most rows <see cref="Score"/> accepts: 20 000 rows make 400 million distances.</summary>
    public const int MaxRows = 20_000;

    /// <summary>The mean silhouette, in [−1, 1], of the points <paramref name="x"/> [n, d] clustered by <paramref name="labels"/>
    /// (one per row, each in [0, k)).</summary>
    /// <exception cref="ArgumentException">more than <see cref="MaxRows"/> rows, or not 2 ≤ k &lt; n clusters.</exception>
    public static double Score(Tensor x, int[] labels)
    {
        var n = x.Shape[0];
        if (n > MaxRows) throw new ArgumentException($"silhouette needs n² distances; {n} rows is more than {MaxRows}: score a sample");
        var clusters = labels.Max() + 1;
        if (clusters < 2 || clusters >= n) throw new ArgumentException($"silhouette needs 2 <= clusters < rows, got {clusters} clusters for {n} rows");
        using var scope = new TensorScope();
        var cross = x.MatMul(x.Transpose()).ToDoubleArray();
        var sizes = new int[clusters];
        foreach (var l in labels) sizes[l]++;
        var total = 0.0;
        var sums = new double[clusters];
        for (var i = 0; i < n; i++)
        {
            Array.Clear(sums);
            for (var j = 0; j < n; j++)
            {
                if (j != i) sums[labels[j]] += Math.Sqrt(Math.Max(0, cross[i * n + i] - 2 * cross[i * n + j] + cross[j * n + j]));
            }
            var own = labels[i];
            if (sizes[own] == 1) continue;
            var a = sums[own] / (sizes[own] - 1);
            var b = double.PositiveInfinity;
            for (var c = 0; c < clusters; c++)
            {
                if (c != own && sizes[c] > 0) b = Math.Min(b, sums[c] / sizes[c]);
            }
            total += (b - a) / Math.Max(a, b);
        }
        return total / n;
    }
}
