namespace Grimoire.Tests.Tensors;

/// <summary>Factories in every dtype and their edge cases, beyond <see cref="CreationTests"/>.</summary>
public class FactoryDetailTests
{
    private static readonly DType[] AllDTypes = [DType.Float32, DType.Float64, DType.Int32];

    [TestCaseSource(nameof(AllDTypes))]
    public void ZerosOnesAndFull(DType dtype)
    {
        using var scope = new TensorScope();
        var shape = new Shape(2, 3, 4);
        foreach (var (t, value) in new[] { (Tensor.Zeros(shape, dtype), 0.0), (Tensor.Ones(shape, dtype), 1.0), (Tensor.Full(shape, -7, dtype), -7.0) })
        {
            Assert.That(t.Shape, Is.EqualTo(shape));
            Assert.That(t.DType, Is.EqualTo(dtype));
            Assert.That(t.IsContiguous, Is.True);
            Assert.That(t.ToDoubleArray(), Has.Length.EqualTo(24).And.All.EqualTo(value));
        }
    }

    [Test]
    public void FullKeepsFractionsInFloatingTypes()
    {
        using var scope = new TensorScope();
        Assert.That(Tensor.Full(new Shape(2), 2.5, DType.Float64).ToArray<double>(), Is.EqualTo(new[] { 2.5, 2.5 }));
        Assert.That(Tensor.Full(new Shape(2), 0.1).ToArray<float>(), Is.EqualTo(new[] { 0.1f, 0.1f }));
    }

    [Test]
    public void ScalarHasRankZeroAndOneElement()
    {
        using var s = Tensor.Scalar(3.5, DType.Float64);
        Assert.That(s.Rank, Is.EqualTo(0));
        Assert.That(s.Size, Is.EqualTo(1));
        Assert.That(s.Item(), Is.EqualTo(3.5));
    }

    [TestCase(1, 2, 0.25, new[] { 1, 1.25, 1.5, 1.75 })]
    [TestCase(5, 0, -2, new double[] { 5, 3, 1 })]
    [TestCase(0, 1, 0.3, new[] { 0, 0.3, 0.6, 0.9 })]
    [TestCase(3, 3, 1, new double[0])]
    [TestCase(3, 1, 1, new double[0])]
    public void ArangeFollowsNumPy(double start, double stop, double step, double[] expected)
    {
        using var t = Tensor.Arange(start, stop, step, DType.Float64);
        Assert.That(t.Shape, Is.EqualTo(new Shape(expected.Length)));
        Assert.That(t.ToArray<double>(), Is.EqualTo(expected).Within(1e-15));
    }

    [Test]
    public void FromArrayCopiesInRowMajorOrder()
    {
        var data = new float[] { 1, 2, 3, 4, 5, 6 };
        using var t = Tensor.FromArray(data, new Shape(2, 3));
        data[0] = 100;
        Assert.That(t.ToArray<float>(), Is.EqualTo(new float[] { 1, 2, 3, 4, 5, 6 }), "the tensor holds a copy");
        using var column = t.Slice(1, 2, 3);
        Assert.That(column.ToArray<float>(), Is.EqualTo(new float[] { 3, 6 }), "element (i, j) is data[i·3 + j]");
    }

    [Test]
    public void FromArrayInfersTheDTypeAndDefaultsToOneDimension()
    {
        using var scope = new TensorScope();
        var d = Tensor.FromArray(new double[] { 1, 2 });
        var i = Tensor.FromArray(new[] { 1, 2, 3 });
        Assert.That((d.DType, d.Shape), Is.EqualTo((DType.Float64, new Shape(2))));
        Assert.That((i.DType, i.Shape), Is.EqualTo((DType.Int32, new Shape(3))));
        Assert.That(i.ToArray<int>(), Is.EqualTo(new[] { 1, 2, 3 }));
    }

    [Test]
    public void RandomFactoriesFillTheShapeInTheDType()
    {
        using var scope = new TensorScope();
        var n = Tensor.RandN(new Shape(3, 7), rng: new Rng(1), dtype: DType.Float64);
        var u = Tensor.RandU(new Shape(5, 2), -2, 3, new Rng(1));
        Assert.That((n.Shape, n.DType), Is.EqualTo((new Shape(3, 7), DType.Float64)));
        Assert.That((u.Shape, u.DType), Is.EqualTo((new Shape(5, 2), DType.Float32)));
        Assert.That(n.ToDoubleArray().Distinct().Count(), Is.EqualTo(21), "every element drawn separately");
    }
}
