namespace Grimoire.Ml.Metrics;

/// <summary>The mean silhouette coefficient of a clustering (book §4.4, Rousseeuw 1987): for each point,
/// (b − a) / max(a, b) with a its mean Euclidean distance to the rest of its cluster and b the smallest mean
/// distance to another cluster; 0 for points alone in their cluster, as in scikit-learn. Needs all n² distances
/// (one engine matmul for the cross terms), so it is limited to <see cref="MaxRows"/> rows.</summary>
public static class Silhouette
{
    public const int MaxRows = 20_000;

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
