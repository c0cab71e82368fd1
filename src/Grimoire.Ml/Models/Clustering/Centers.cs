namespace Grimoire.Ml.Models.Clustering;

/// <summary>Assigning points to their nearest center under the squared Euclidean distance
/// ‖x‖² − 2·x·c + ‖c‖², whose cross term for all pairs is one engine matmul X·Cᵀ.</summary>
public static class Centers
{
    /// <summary>Each row's nearest center.</summary>
    /// <param name="Labels">[rows]: the index of each row's nearest center.</param>
    /// <param name="Distances">[rows]: each row's distance to that center (squared Euclidean, or L1 for k-medians).</param>
    public sealed record Assignment(int[] Labels, double[] Distances)
    {
        /// <summary>The sum of <see cref="Distances"/>: the clustering objective.</summary>
        public double Inertia => Distances.Sum();
    }

    /// <summary>‖x‖² of every row: computed once per fit, reused by every assignment.</summary>
    public static double[] RowNorms(Tensor x)
    {
        using var scope = new TensorScope();
        return (x * x).Sum(1).ToDoubleArray();
    }

    /// <summary>The nearest of <paramref name="centers"/> [k][d] for each row of <paramref name="x"/> [n, d] (float64);
    /// <paramref name="rowNorms"/> are <see cref="RowNorms"/> of x when already known. Ties go to the lower index, and
    /// distances that rounding makes negative are clamped to 0.</summary>
    public static Assignment Nearest(Tensor x, double[][] centers, double[]? rowNorms = null)
    {
        var (n, d, k) = (x.Shape[0], x.Shape[1], centers.Length);
        using var scope = new TensorScope();
        var c = Tensor.FromArray(centers.SelectMany(r => r).ToArray(), new Shape(k, d));
        var cross = x.MatMul(c.Transpose()).ToDoubleArray();
        var xNorms = rowNorms ?? RowNorms(x);
        var cNorms = centers.Select(r => r.Sum(v => v * v)).ToArray();
        var labels = new int[n];
        var distances = new double[n];
        for (var i = 0; i < n; i++)
        {
            var (best, at) = (double.PositiveInfinity, 0);
            for (var j = 0; j < k; j++)
            {
                var dist = xNorms[i] - 2 * cross[i * k + j] + cNorms[j];
                if (dist < best) (best, at) = (dist, j);
            }
            (labels[i], distances[i]) = (at, Math.Max(0, best));
        }
        return new Assignment(labels, distances);
    }
}
