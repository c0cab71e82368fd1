using FsCheck;
using FsCheck.Fluent;
using Grimoire.Ml;
using Grimoire.Ml.Data;
using Grimoire.Tests.Laws;

namespace Grimoire.Tests.Ml;

/// <summary>The standardiser: fitted columns come out with mean 0 and population std 1, constant columns map to 0,
/// other rows are transformed with the fitted statistics (not their own), and the target is carried unchanged.</summary>
public sealed class StandardizerTests
{
    [Test]
    public void HandWorkedColumns()
    {
        // Column 0: 1, 2, 3 → mean 2, population std √(2/3). Column 1 is constant.
        using var x = Tensor.FromArray(new double[] { 1, 5, 2, 5, 3, 5 }, new Shape(3, 2));
        var s = Standardizer.Fit(x);
        Assert.That(s.Mean, Is.EqualTo(new[] { 2.0, 5.0 }));
        Assert.That(s.Scale, Is.EqualTo(new[] { Math.Sqrt(2.0 / 3), 1.0 }).Within(1e-15));
        using var z = s.Transform(x);
        var k = 1 / Math.Sqrt(2.0 / 3);
        Assert.That(z.ToDoubleArray(), Is.EqualTo(new[] { -k, 0, 0, 0, k, 0 }).Within(1e-12));
        using var other = Tensor.FromArray(new double[] { 4, 7 }, new Shape(1, 2));
        using var t = s.Transform(other);
        Assert.That(t.ToDoubleArray(), Is.EqualTo(new[] { 2 * k, 2 }).Within(1e-12), "new rows use the fitted mean and scale");
    }

    [Test]
    public void FittedColumnsHaveMeanZeroAndUnitDeviation() => PropertyCheck.ForAll(
        from n in Gen.Choose(2, 40)
        from d in Gen.Choose(1, 6)
        from seed in Gen.Choose(0, 1 << 20)
        select (n, d, seed), p =>
        {
            var rng = new Random(p.seed);
            var values = Enumerable.Range(0, p.n * p.d).Select(i => (rng.NextDouble() - 0.3) * (1 + 100 * (i % p.d))).ToArray();
            var z = Standardizer.Fit(Tensor.FromArray(values, new Shape(p.n, p.d))).Transform(Tensor.FromArray(values, new Shape(p.n, p.d))).ToDoubleArray();
            for (var j = 0; j < p.d; j++)
            {
                var column = Enumerable.Range(0, p.n).Select(r => z[r * p.d + j]).ToArray();
                Assert.That(column.Average(), Is.EqualTo(0).Within(1e-12));
                Assert.That(column.Average(v => v * v), Is.EqualTo(1).Within(1e-12));
            }
        });

    [Test]
    public void DatasetTransformKeepsTheTargetAndFeatureNames()
    {
        using var wine = SklearnParityTests.BuiltinWithTarget("wine");
        using var z = Standardizer.Fit(wine.X).Transform(wine);
        Assert.That(z.Y!.ToDoubleArray(), Is.EqualTo(wine.Y!.ToDoubleArray()));
        Assert.That(z.Features, Is.EqualTo(wine.Features));
        Assert.That(z.X.Shape, Is.EqualTo(wine.X.Shape));
    }

    [Test]
    public void AnotherFeatureCountIsADataError()
    {
        using var x = Tensor.FromArray(new double[] { 1, 2, 3, 4 }, new Shape(2, 2));
        using var wide = Tensor.FromArray(new double[] { 1, 2, 3 }, new Shape(1, 3));
        Assert.That(() => Standardizer.Fit(x).Transform(wide), Throws.TypeOf<DataException>().With.Message.Contains("fitted on 2 features"));
    }
}
