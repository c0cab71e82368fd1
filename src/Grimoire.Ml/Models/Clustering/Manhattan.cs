namespace Grimoire.Ml.Models.Clustering;

/// <summary>Nearest center under the L1 distance (k-medians, book §5) and coordinate-wise medians.</summary>
public static class Manhattan
{
    /// <summary>The nearest of <paramref name="centers"/> [k][d] under the L1 distance for each row of
    /// <paramref name="x"/> (<paramref name="d"/> columns); ties go to the lower index.</summary>
    /// <param name="x">The rows, row-major: row i is x[i·d .. (i + 1)·d).</param>
    /// <param name="d">Columns per row.</param>
    /// <param name="centers">The centers [k][d].</param>
    public static Centers.Assignment Nearest(ReadOnlySpan<double> x, int d, double[][] centers)
    {
        var n = x.Length / d;
        var labels = new int[n];
        var distances = new double[n];
        for (var i = 0; i < n; i++)
        {
            var (best, at) = (double.PositiveInfinity, 0);
            for (var j = 0; j < centers.Length; j++)
            {
                var dist = 0.0;
                for (var f = 0; f < d; f++) dist += Math.Abs(x[i * d + f] - centers[j][f]);
                if (dist < best) (best, at) = (dist, j);
            }
            (labels[i], distances[i]) = (at, best);
        }
        return new Centers.Assignment(labels, distances);
    }

    /// <summary>The median of each coordinate over the rows with label <paramref name="cluster"/>, or null if none.</summary>
    public static double[]? Median(ReadOnlySpan<double> x, int d, int[] labels, int cluster)
    {
        var rows = Enumerable.Range(0, labels.Length).Where(i => labels[i] == cluster).ToArray();
        if (rows.Length == 0) return null;
        var median = new double[d];
        var column = new double[rows.Length];
        for (var f = 0; f < d; f++)
        {
            for (var r = 0; r < rows.Length; r++) column[r] = x[rows[r] * d + f];
            Array.Sort(column);
            var mid = rows.Length / 2;
            median[f] = rows.Length % 2 == 1 ? column[mid] : (column[mid - 1] + column[mid]) / 2;
        }
        return median;
    }
}
