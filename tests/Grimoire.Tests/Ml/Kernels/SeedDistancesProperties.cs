using FsCheck;
using FsCheck.Fluent;
using Grimoire.Kernels;
using Grimoire.Ml.Kernels;
using Grimoire.Tests.Laws;
using static Grimoire.Tests.Ml.Kernels.FusedPassCases;

namespace Grimoire.Tests.Ml.Kernels;

/// <summary>k-means++ seeding's pass at every lane width against a plain loop: each row's distance becomes the smaller
/// of its old one and Σ(x − c)² to the new center, the returned total is their sum, a row equal to the center gets
/// exactly 0, and every width gives the same bits (the same FMA chain per row).</summary>
public sealed class SeedDistancesProperties
{
    [TestCaseSource(typeof(FusedPassCases), nameof(Widths))]
    public void LowersEachRowToItsNearestCenter(Isa isa) => PropertyCheck.ForAll(Matrices.SelectMany(m => Gen.Choose(0, m.N - 1).Select(c => (m, c))), t =>
    {
        var ((n, d, seed), centerRow) = t;
        var x = Values(n, d, seed);
        var center = x.AsSpan(centerRow * d, d).ToArray();
        var other = Values(1, d, seed + 1);
        using var host = Host(x, n, d);
        var nearest = new double[n];
        Array.Fill(nearest, double.PositiveInfinity);
        SeedDistances.Lower(host, other, nearest, isa);
        var before = (double[])nearest.Clone();
        var total = SeedDistances.Lower(host, center, nearest, isa);
        for (var i = 0; i < n; i++)
        {
            var exact = Enumerable.Range(0, d).Sum(f => (x[i * d + f] - center[f]) * (x[i * d + f] - center[f]));
            Assert.That(nearest[i], Is.EqualTo(Math.Min(before[i], exact)).Within(1e-12 * Math.Max(1, exact)), $"row {i}");
        }
        Assert.That(nearest[centerRow], Is.EqualTo(0.0), "the center's own row");
        Assert.That(total, Is.EqualTo(nearest.Sum()).Within(1e-12 * Math.Max(1, total)));
        var scalar = Enumerable.Repeat(double.PositiveInfinity, n).ToArray();
        SeedDistances.Lower(host, other, scalar, Isa.None);
        SeedDistances.Lower(host, center, scalar, Isa.None);
        Assert.That(nearest, Is.EqualTo(scalar), "the same bits as the scalar lanes");
    });

    [Test]
    public void MismatchedLengthsAreRefused()
    {
        using var host = Host(Values(4, 3, 1), 4, 3);
        Assert.Throws<ArgumentOutOfRangeException>(() => SeedDistances.Lower(host, new double[2], new double[4]));
        Assert.Throws<ArgumentOutOfRangeException>(() => SeedDistances.Lower(host, new double[3], new double[5]));
    }
}
