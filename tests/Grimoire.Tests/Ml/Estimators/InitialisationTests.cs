using FsCheck;
using FsCheck.Fluent;
using Grimoire.Ml.Models.Clustering;
using Grimoire.Tests.Laws;
using Grimoire.Tests.Support;

namespace Grimoire.Tests.Ml.Estimators;

/// <summary>The k-means starts: k-means++ draws k distinct rows of the data (a row already chosen is at distance 0 and
/// never drawn again), the same ones for the same seed, and k outside 1..n is refused with a typed error.</summary>
public sealed class InitialisationTests
{
    [Test]
    public void KMeansPlusPlusDrawsDistinctRowsReproducibly() => PropertyCheck.ForAll(
        Gens.Zip3(Gen.Choose(1, 60), Gen.Choose(1, 5), Gen.Choose(0, 1 << 20)).Select(t => (N: t.Item1, D: t.Item2, Seed: t.Item3)), c =>
    {
        var rng = new Random(c.Seed);
        // Rows on a coarse grid, so duplicates occur and must not be picked as two centers while others remain.
        var values = Enumerable.Range(0, c.N * c.D).Select(_ => (double)rng.Next(4)).ToArray();
        using var x = Tensor.FromArray(values, new Shape(c.N, c.D));
        var distinctRows = Enumerable.Range(0, c.N).Select(i => string.Join(",", values.AsSpan(i * c.D, c.D).ToArray())).Distinct().Count();
        var k = 1 + c.Seed % distinctRows;
        var centers = Initialisation.Choose(KMeansInit.KMeansPlusPlus, x, k, new Random(c.Seed));
        Assert.That(centers, Has.Length.EqualTo(k));
        Assert.That(centers.Select(r => string.Join(",", r)).Distinct().Count(), Is.EqualTo(k), "a row was chosen twice");
        var again = Initialisation.Choose(KMeansInit.KMeansPlusPlus, x, k, new Random(c.Seed));
        Assert.That(again, Is.EqualTo(centers));
    });

    [TestCase(0)]
    [TestCase(6)]
    public void KOutsideTheRowsIsRefused(int k)
    {
        using var x = Tensor.FromArray(new double[10], new Shape(5, 2));
        Assert.Throws<ArgumentOutOfRangeException>(() => Initialisation.Choose(KMeansInit.KMeansPlusPlus, x, k, new Random(0)));
    }
}
