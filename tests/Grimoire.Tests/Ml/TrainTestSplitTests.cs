using FsCheck;
using FsCheck.Fluent;
using Grimoire.Ml;
using Grimoire.Ml.Data;
using Grimoire.Tests.Laws;

namespace Grimoire.Tests.Ml;

/// <summary>Train/test splits: the two sides partition the rows with ⌈fraction·n⌉ test rows, the same seed gives the
/// same split, stratification keeps each class's test count within one row of its share, and a data set's split
/// carries whole rows (features with their target).</summary>
public sealed class TrainTestSplitTests
{
    /// <summary>n rows labelled from up to k classes, a test fraction and a seed.</summary>
    private static Gen<(double[] Labels, double Fraction, int Seed)> Splits =>
        from n in Gen.Choose(2, 200)
        from k in Gen.Choose(1, 6)
        from labels in Gen.ArrayOf(Gen.Choose(0, k - 1).Select(v => (double)v), n)
        from percent in Gen.Choose(1, 99)
        from seed in Gen.Choose(0, 1 << 20)
        where Math.Ceiling(percent / 100.0 * n - 1e-9) < n
        select (labels, percent / 100.0, seed);

    [Test]
    public void SidesPartitionTheRowsWithTheCeilingOfTheFractionAsTest() => PropertyCheck.ForAll(Splits, s =>
    {
        var n = s.Labels.Length;
        foreach (var split in new[] { TrainTestSplit.Split(n, s.Fraction, s.Seed), TrainTestSplit.Split(n, s.Fraction, s.Seed, s.Labels) })
        {
            Assert.That(split.Test, Has.Length.EqualTo((int)Math.Ceiling(s.Fraction * n - 1e-9)));
            Assert.That(split.Train.Concat(split.Test).Order(), Is.EqualTo(Enumerable.Range(0, n)));
        }
    });

    [Test]
    public void StratifiedSplitKeepsEachClassWithinOneRowOfItsShare() => PropertyCheck.ForAll(Splits, s =>
    {
        var split = TrainTestSplit.Split(s.Labels.Length, s.Fraction, s.Seed, s.Labels);
        foreach (var c in s.Labels.Distinct())
        {
            var share = s.Fraction * s.Labels.Count(l => l == c);
            Assert.That(split.Test.Count(r => s.Labels[r] == c), Is.InRange(share - 1, share + 1), $"class {c}");
        }
    });

    [Test]
    public void TheSameSeedGivesTheSameSplit() => PropertyCheck.ForAll(Splits, s =>
    {
        var (a, b) = (TrainTestSplit.Split(s.Labels.Length, s.Fraction, s.Seed, s.Labels), TrainTestSplit.Split(s.Labels.Length, s.Fraction, s.Seed, s.Labels));
        Assert.That(a.Train, Is.EqualTo(b.Train));
        Assert.That(a.Test, Is.EqualTo(b.Test));
    });

    [Test]
    public void DifferentSeedsShuffleDifferently()
    {
        var (a, b) = (TrainTestSplit.Split(100, 0.3, 1), TrainTestSplit.Split(100, 0.3, 2));
        Assert.That(a.Test, Is.Not.EqualTo(b.Test));
    }

    [Test]
    public void FloatNoiseInTheFractionDoesNotAddARow() =>
        Assert.That(TrainTestSplit.Split(30, 0.1, 0).Test, Has.Length.EqualTo(3), "0.1·30 is 3.0000000000000004 in binary");

    [Test]
    public void StratifiedIrisKeepsTheClassesBalanced()
    {
        using var iris = SklearnParityTests.BuiltinWithTarget("iris");
        var (train, test) = TrainTestSplit.Split(iris, 0.2, seed: 7, stratify: true);
        using (train)
        using (test)
        {
            Assert.That(test.Rows, Is.EqualTo(30));
            Assert.That(train.Rows, Is.EqualTo(120));
            var counts = test.Y!.ToDoubleArray().GroupBy(v => v).Select(g => g.Count());
            Assert.That(counts, Is.All.EqualTo(10), "50 of each species, a fifth of each held out");
        }
    }

    [Test]
    public void DatasetSplitCarriesWholeRows()
    {
        using var wine = SklearnParityTests.BuiltinWithTarget("wine");
        var (x, y, d) = (wine.X.ToDoubleArray(), wine.Y!.ToDoubleArray(), wine.Features.Count);
        var rows = TrainTestSplit.Split(wine.Rows, 0.25, 11);
        var (train, test) = TrainTestSplit.Split(wine, 0.25, 11);
        using (train)
        using (test)
        {
            Assert.That(test.X.ToDoubleArray(), Is.EqualTo(rows.Test.SelectMany(r => x.Skip(r * d).Take(d))));
            Assert.That(test.Y!.ToDoubleArray(), Is.EqualTo(rows.Test.Select(r => y[r])));
            Assert.That(train.Y!.ToDoubleArray(), Is.EqualTo(rows.Train.Select(r => y[r])));
            Assert.That(train.Features, Is.EqualTo(wine.Features));
        }
    }

    [TestCase(0.0, 10, "between 0 and 1")]
    [TestCase(1.0, 10, "between 0 and 1")]
    [TestCase(0.5, 1, "each side needs at least one")]
    [TestCase(0.99, 10, "leaves 10 test and 0 training rows")]
    public void ImpossibleSplitsAreDataErrors(double fraction, int rows, string expected) =>
        Assert.That(() => TrainTestSplit.Split(rows, fraction, 0), Throws.TypeOf<DataException>().With.Message.Contains(expected));

    [Test]
    public void StratifyingWithoutATargetNamesTheProblem()
    {
        using var data = new Dataset("unlabelled", ["a"], Tensor.FromArray(new double[] { 1, 2, 3, 4 }, new Shape(4, 1)), null, null);
        Assert.That(() => TrainTestSplit.Split(data, 0.5, 0, stratify: true), Throws.TypeOf<DataException>().With.Message.Contains("a stratified split needs a target column"));
    }
}
