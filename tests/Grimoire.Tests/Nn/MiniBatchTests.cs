using FsCheck;
using FsCheck.Fluent;
using Grimoire.Nn.Training;

namespace Grimoire.Tests.Nn;

/// <summary>Mini-batches are a partition of the rows, sized as asked, and a function of the seed alone.</summary>
[TestFixture]
public sealed class MiniBatchTests
{
    private static readonly Gen<(int Rows, int Batch, ulong Seed)> Cases =
        from rows in Gen.Choose(1, 300)
        from batch in Gen.Choose(1, 80)
        from seed in Gen.Choose(0, int.MaxValue)
        select (rows, batch, (ulong)seed);

    [Test]
    public void EveryRowOnceInBatchesOfTheRequestedSize()
    {
        var property = Prop.ForAll(Arb.From(Cases), c =>
        {
            var batches = MiniBatches.Epoch(c.Rows, c.Batch, new Rng(c.Seed));
            var all = batches.SelectMany(b => b).Order().ToArray();
            return all.SequenceEqual(Enumerable.Range(0, c.Rows))
                && batches.Take(batches.Count - 1).All(b => b.Length == c.Batch)
                && batches[^1].Length == (c.Rows % c.Batch == 0 ? Math.Min(c.Batch, c.Rows) : c.Rows % c.Batch);
        });
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(200).WithQuietOnSuccess(true), property);
    }

    [Test]
    public void TheSameSeedGivesTheSameEpochs()
    {
        var property = Prop.ForAll(Arb.From(Cases), c =>
        {
            var (a, b) = (new Rng(c.Seed), new Rng(c.Seed));
            return Enumerable.Range(0, 3).All(_ =>
                MiniBatches.Epoch(c.Rows, c.Batch, a).SelectMany(x => x).SequenceEqual(MiniBatches.Epoch(c.Rows, c.Batch, b).SelectMany(x => x)));
        });
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(100).WithQuietOnSuccess(true), property);
    }

    [Test]
    public void SuccessiveEpochsAreShuffledDifferently()
    {
        var rng = new Rng(9);
        var first = MiniBatches.Epoch(100, 10, rng).SelectMany(b => b);
        var second = MiniBatches.Epoch(100, 10, rng).SelectMany(b => b);
        Assert.That(second, Is.Not.EqualTo(first));
    }

    [Test]
    public void RowsGathersTheIndexedRows()
    {
        using var data = Tensor.FromArray([0f, 1, 10, 11, 20, 21], new Shape(3, 2));
        using var labels = Tensor.FromArray([7, 8, 9]);
        using var rows = MiniBatches.Rows(data, [2, 0]);
        using var picked = MiniBatches.Rows(labels, [2, 0]);
        Assert.That(rows.ToArray<float>(), Is.EqualTo(new[] { 20f, 21, 0, 1 }));
        Assert.That(picked.ToArray<int>(), Is.EqualTo(new[] { 9, 7 }));
    }

    [TestCase(0, 4)]
    [TestCase(5, 0)]
    public void EmptyDataOrBatchesAreRejected(int rows, int batch) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => MiniBatches.Epoch(rows, batch, new Rng(0)));
}
