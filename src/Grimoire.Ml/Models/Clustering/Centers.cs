using Grimoire.Ml.Kernels;

namespace Grimoire.Ml.Models.Clustering;

/// <summary>Assigning points to their nearest center under the squared Euclidean distance ‖x‖² − 2·x·c + ‖c‖², in one
/// fused pass over the rows (<see cref="NearestCenters"/>): no n x k distance matrix is formed.</summary>
public static class Centers
{
    /// <summary>Each row's nearest center.</summary>
    /// <param name="Labels">[rows]: the index of each row's nearest center.</param>
    /// <param name="Distances">[rows]: each row's distance to that center (squared Euclidean, or L1 for k-medians).</param>
    public sealed record Assignment(int[] Labels, double[] Distances)
    {
        /// <summary>The sum of <see cref="Distances"/>: the clustering objective.</summary>
        public double Inertia
        {
            get
            {
                var total = 0.0;
                foreach (var distance in Distances) total += distance;
                return total;
            }
        }
    }

    /// <summary>The nearest of <paramref name="centers"/> [k][d] for each row of <paramref name="x"/> [n, d] (float64);
    /// ties go to the lower index, and distances that rounding makes negative are clamped to 0.</summary>
    public static Assignment Nearest(Tensor x, double[][] centers)
    {
        ArgumentNullException.ThrowIfNull(x);
        using var rows = new HostValues(x);
        return Nearest(rows, centers);
    }

    /// <summary>The nearest of <paramref name="centers"/> [k][d] for each row of <paramref name="x"/> [n, d]. Ties go to
    /// the lower index, and distances that rounding makes negative are clamped to 0.</summary>
    internal static Assignment Nearest(HostValues x, double[][] centers)
    {
        var pass = NearestCenters.Run(x, Flatten(centers, x.Columns), withSums: false);
        return new Assignment(pass.Labels, pass.Distances);
    }

    /// <summary>The assignment to <paramref name="centers"/> and the mean of each center's rows (null for a center
    /// that no row is nearest to), from the same pass: k-means' two steps over the data at the cost of one.</summary>
    internal static (Assignment Assignment, double[]?[] Means) NearestWithMeans(HostValues x, double[][] centers)
    {
        var d = x.Columns;
        var pass = NearestCenters.Run(x, Flatten(centers, d), withSums: true);
        var means = new double[]?[centers.Length];
        for (var c = 0; c < centers.Length; c++)
        {
            if (pass.Counts![c] == 0) continue;
            means[c] = new double[d];
            for (var f = 0; f < d; f++) means[c]![f] = pass.Sums![(long)c * d + f] / pass.Counts[c];
        }
        return (new Assignment(pass.Labels, pass.Distances), means);
    }

    /// <summary>The centers row-major [k, d]. Plain copies: LINQ over double is not in any ReadyToRun image, and a fresh
    /// process would JIT it during its first fit.</summary>
    private static double[] Flatten(double[][] centers, int d)
    {
        if (centers.Length == 0 || centers.Any(c => c.Length != d))
            throw new ShapeException($"centers must be at least one point of {d} features (the columns of x), got {centers.Length} of lengths {string.Join(", ", centers.Select(c => c.Length).Distinct())}");
        var flat = new double[(long)centers.Length * d];
        for (var c = 0; c < centers.Length; c++) centers[c].CopyTo(flat, (long)c * d);
        return flat;
    }
}
