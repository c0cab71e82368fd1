namespace Grimoire.Tests.Tensors;

/// <summary>Movement ops return views over the same storage: writes through one are seen by the others.</summary>
public class ViewStorageTests
{
    [Test]
    public void EveryViewOpSharesTheStorage()
    {
        using var scope = new TensorScope();
        var x = Tensor.Arange(24).Reshape(2, 3, 4);
        var views = new Dictionary<string, Tensor>
        {
            ["reshape"] = x.Reshape(6, 4),
            ["permute"] = x.Permute(2, 0, 1),
            ["transpose"] = x.Transpose(),
            ["slice"] = x.Slice(1, 1, 3),
            ["expand"] = x.Reshape(2, 3, 4, 1).Expand(2, 3, 4, 5),
            ["unsqueeze"] = x.Unsqueeze(0),
            ["squeeze"] = x.Unsqueeze(1).Squeeze(1),
            ["detach"] = x.Detach(),
            ["contiguous of a contiguous tensor"] = x.Contiguous(),
        };
        foreach (var (name, view) in views) Assert.That(view.Storage, Is.SameAs(x.Storage), name);
    }

    [Test]
    public void CopiesDoNotShareTheStorage()
    {
        using var scope = new TensorScope();
        var x = Tensor.Arange(6).Reshape(2, 3);
        Assert.That(x.Contiguous(copy: true).Storage, Is.Not.SameAs(x.Storage));
        Assert.That(x.Transpose().Contiguous().Storage, Is.Not.SameAs(x.Storage));
        Assert.That(x.Transpose().Reshape(6).Storage, Is.Not.SameAs(x.Storage), "reshape of a non-contiguous view copies");
    }

    [Test]
    public void WritesThroughASliceAreSeenInTheBase()
    {
        using var scope = new TensorScope();
        var x = Tensor.Zeros(new Shape(3, 4));
        var column = x.Slice(1, 1, 2);
        Tensor.FromArray(new float[] { 7, 8, 9 }, new Shape(3, 1)).CopyTo(column);
        Assert.That(x.ToArray<float>(), Is.EqualTo(new float[] { 0, 7, 0, 0, 0, 8, 0, 0, 0, 9, 0, 0 }));
    }

    [Test]
    public void WritesThroughAStridedTransposedViewAreSeenInTheBase()
    {
        using var scope = new TensorScope();
        var x = Tensor.Zeros(new Shape(2, 4), DType.Int32);
        var everyOther = x.Slice(1, 0, 4, 2).Transpose();
        Assert.That(everyOther.Shape, Is.EqualTo(new Shape(2, 2)));
        Tensor.FromArray(new[] { 1, 2, 3, 4 }, new Shape(2, 2)).CopyTo(everyOther);
        Assert.That(x.ToArray<int>(), Is.EqualTo(new[] { 1, 0, 3, 0, 2, 0, 4, 0 }));
    }

    [Test]
    public void WritesToTheBaseAreSeenInItsViews()
    {
        using var scope = new TensorScope();
        var x = Tensor.Zeros(new Shape(2, 3), DType.Float64);
        var flat = x.Reshape(6);
        var row = x.Slice(0, 1, 2);
        Tensor.FromArray(new double[] { 1, 2, 3, 4, 5, 6 }, new Shape(2, 3)).CopyTo(x);
        Assert.That(flat.ToArray<double>(), Is.EqualTo(new double[] { 1, 2, 3, 4, 5, 6 }));
        Assert.That(row.ToArray<double>(), Is.EqualTo(new double[] { 4, 5, 6 }));
    }

    [Test]
    public void ExpandedAxesHaveStrideZero()
    {
        using var scope = new TensorScope();
        var x = Tensor.Arange(3).Reshape(3, 1);
        var e = x.Expand(2, 3, 4);
        Assert.That(e.Strides.ToArray(), Is.EqualTo(new[] { 0, 1, 0 }));
        Assert.That(e.ToArray<float>(), Is.EqualTo(new float[] { 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2 }));
    }
}
