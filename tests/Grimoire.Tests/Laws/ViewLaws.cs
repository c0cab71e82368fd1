using FsCheck.Fluent;
using Grimoire.Tests.Support;

namespace Grimoire.Tests.Laws;

public class ViewLaws
{
    private static FsCheck.Gen<int[]> Permutation(int rank) =>
        Gen.Shuffle(Enumerable.Range(0, rank).ToArray()).Select(p => p.ToArray());

    [Test]
    public void PermuteThenInverseIsIdentityAndSharesStorage() => PropertyCheck.ForAll(
        Gens.Shape(1, 4).SelectMany(s => Gen.Zip(Gens.Tensor(s, DType.Float32), Permutation(s.Rank))), c =>
    {
        var x = c.Item1.Build();
        var inverse = new int[c.Item2.Length];
        for (var i = 0; i < inverse.Length; i++) inverse[c.Item2[i]] = i;
        var p = x.Permute(c.Item2);
        Assert.That(p.Storage, Is.SameAs(x.Storage));
        var back = p.Permute(inverse);
        Assert.That(back.Shape, Is.EqualTo(x.Shape));
        Assert.That(back.ToDoubleArray(), Is.EqualTo(x.ToDoubleArray()));
    });

    [Test]
    public void ReshapeRoundTripKeepsRowMajorOrder() => PropertyCheck.ForAll(
        Gens.Shape(1, 4).SelectMany(s => Gens.Tensor(s, DType.Float32)), spec =>
    {
        var x = spec.Build();
        var flat = x.Reshape(-1);
        Assert.That(flat.ToDoubleArray(), Is.EqualTo(spec.Values.Select(v => (double)(float)v).ToArray()));
        Assert.That(flat.Reshape(x.Shape.ToArray()).ToDoubleArray(), Is.EqualTo(x.ToDoubleArray()));
    });

    [Test]
    public void TransposeTwiceIsIdentity() => PropertyCheck.ForAll(
        Gens.Shape(2, 4).SelectMany(s => Gens.Tensor(s, DType.Float64)), spec =>
    {
        var x = spec.Build();
        Assert.That(x.Transpose().Transpose().ToDoubleArray(), Is.EqualTo(x.ToDoubleArray()));
    });

    [Test]
    public void ContiguousReshapeIsAViewAndWritesShowThrough()
    {
        using var scope = new TensorScope();
        var x = Tensor.Zeros(new Shape(2, 3));
        var v = x.Reshape(3, 2);
        Assert.That(v.Storage, Is.SameAs(x.Storage));
        var column = x.Slice(1, 1, 2);
        Tensor.Ones(new Shape(2, 1)).CopyTo(column);
        Assert.That(v.ToDoubleArray(), Is.EqualTo(new double[] { 0, 1, 0, 0, 1, 0 }));
    }

    [Test]
    public void ConcatThenSliceRecoversTheParts() => PropertyCheck.ForAll(Gen.Zip(Gen.Choose(0, 2), Gens.Dim), p =>
    {
        var (axis, extra) = p;
        var a = Tensor.RandN(new Shape(3, 4, 5), rng: new Rng(1));
        var dims = a.Shape.ToArray();
        dims[axis] = extra;
        var b = Tensor.RandN(new Shape(dims), rng: new Rng(2));
        var joined = Tensor.Concat([a, b], axis);
        Assert.That(joined.Slice(axis, 0, a.Shape[axis]).ToDoubleArray(), Is.EqualTo(a.ToDoubleArray()));
        Assert.That(joined.Slice(axis, a.Shape[axis], joined.Shape[axis]).ToDoubleArray(), Is.EqualTo(b.ToDoubleArray()));
    }, cases: 20);
}
