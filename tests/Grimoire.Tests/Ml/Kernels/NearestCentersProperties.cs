using FsCheck;
using FsCheck.Fluent;
using Grimoire.Kernels;
using Grimoire.Ml.Kernels;
using Grimoire.Tests.Laws;
using static Grimoire.Tests.Ml.Kernels.FusedPassCases;

namespace Grimoire.Tests.Ml.Kernels;

/// <summary>k-means' fused assignment pass at every lane width against plain loops over the exact distances
/// Σ(x − c)²: each row's label is a nearest center (up to the rounding of the ‖x‖² − 2x·c + ‖c‖² form, which the
/// tolerance bounds), its distance is that center's, and the sums and counts are those of the rows with each label.
/// The arithmetic does not depend on the width, so every width gives the same bits; ties go to the lowest index.</summary>
public sealed class NearestCentersProperties
{
    private static Gen<((int N, int D, int Seed) Matrix, int K)> Cases =>
        from m in Matrices
        from k in Gen.Elements(1, 2, 3, 4, 5, 7, 8, 9, 16, 17)
        select (m, Math.Min(k, m.N));

    [TestCaseSource(typeof(FusedPassCases), nameof(Widths))]
    public void EveryRowGoesToANearestCenter(Isa isa) => PropertyCheck.ForAll(Cases, c =>
    {
        var (n, d, k) = (c.Matrix.N, c.Matrix.D, c.K);
        var x = Values(n, d, c.Matrix.Seed);
        // Centers: rows spread through the data, so clusters are neither empty nor all alike.
        var centers = Enumerable.Range(0, k).SelectMany(j => x.AsSpan(j * (n / k) * d, d).ToArray()).ToArray();
        using var host = Host(x, n, d);
        var pass = NearestCenters.Run(host, centers, withSums: true, isa);
        var sums = new double[k * d];
        var counts = new int[k];
        for (var i = 0; i < n; i++)
        {
            var exact = Enumerable.Range(0, k).Select(j => Enumerable.Range(0, d).Sum(f => Math.Pow(x[i * d + f] - centers[j * d + f], 2))).ToArray();
            var label = pass.Labels[i];
            // The norm form loses about eps·(‖x‖² + ‖c‖²) to cancellation.
            var slack = 1e-13 * Enumerable.Range(0, d).Sum(f => x[i * d + f] * x[i * d + f] + centers[label * d + f] * centers[label * d + f]);
            Assert.That(exact[label], Is.LessThanOrEqualTo(exact.Min() + 2 * slack), $"row {i} went to {label}, not a nearest center");
            Assert.That(pass.Distances[i], Is.EqualTo(exact[label]).Within(slack), $"distance of row {i}");
            counts[label]++;
            for (var f = 0; f < d; f++) sums[label * d + f] += x[i * d + f];
        }
        Assert.That(pass.Counts, Is.EqualTo(counts));
        for (var e = 0; e < sums.Length; e++)
        {
            var magnitude = Enumerable.Range(0, n).Where(i => pass.Labels[i] == e / d).Sum(i => Math.Abs(x[i * d + e % d]));
            Assert.That(pass.Sums![e], Is.EqualTo(sums[e]).Within(1e-13 * magnitude + 1e-300), $"sum of center {e / d}, feature {e % d}");
        }
        var scalar = NearestCenters.Run(host, centers, withSums: true, Isa.None);
        Assert.That(scalar.Labels, Is.EqualTo(pass.Labels), "same labels at every width");
        Assert.That(scalar.Distances, Is.EqualTo(pass.Distances), "same bits at every width");
        Assert.That(scalar.Sums, Is.EqualTo(pass.Sums), "same bits at every width");
        Assert.That(NearestCenters.Run(host, centers, withSums: false, isa).Sums, Is.Null);
    });

    [TestCaseSource(typeof(FusedPassCases), nameof(Widths))]
    public void TiesGoToTheLowestIndex(Isa isa)
    {
        // Every center at the same point: each row is equally near all of them.
        var x = Values(37, 5, 3);
        var centers = Enumerable.Repeat(x.AsSpan(0, 5).ToArray(), 6).SelectMany(c => c).ToArray();
        using var scope = new TensorScope();
        using var host = Host(x, 37, 5);
        Assert.That(NearestCenters.Run(host, centers, withSums: false, isa).Labels, Is.All.EqualTo(0));
    }

    [Test]
    public void CentersMustBeWholePoints()
    {
        using var scope = new TensorScope();
        using var host = Host(Values(4, 3, 1), 4, 3);
        Assert.Throws<ArgumentException>(() => NearestCenters.Run(host, [1, 2, 3, 4], withSums: false));
        Assert.Throws<ArgumentException>(() => NearestCenters.Run(host, [], withSums: false));
    }
}
