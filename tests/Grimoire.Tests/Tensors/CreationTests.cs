namespace Grimoire.Tests.Tensors;

public class CreationTests
{
    private TensorScope _scope = null!;

    [SetUp]
    public void OpenScope() => _scope = new TensorScope();

    [TearDown]
    public void CloseScope() => _scope.Dispose();

    [Test]
    public void ConstantsHaveTheirValueShapeAndDType()
    {
        Assert.That(Tensor.Zeros(new Shape(2, 3)).ToDoubleArray(), Is.EqualTo(new double[6]));
        Assert.That(Tensor.Ones(new Shape(4), DType.Int32).ToArray<int>(), Is.All.EqualTo(1));
        var full = Tensor.Full(new Shape(2, 2), 2.5, DType.Float64);
        Assert.That(full.DType, Is.EqualTo(DType.Float64));
        Assert.That(full.ToDoubleArray(), Is.All.EqualTo(2.5));
    }

    [Test]
    public void ArangeAndFromArrayKeepOrder()
    {
        Assert.That(Tensor.Arange(5).ToDoubleArray(), Is.EqualTo(new double[] { 0, 1, 2, 3, 4 }));
        var t = Tensor.FromArray(new float[] { 1, 2, 3, 4, 5, 6 }, new Shape(2, 3));
        Assert.That(t.Shape, Is.EqualTo(new Shape(2, 3)));
        Assert.That(t.Slice(0, 1, 2).ToDoubleArray(), Is.EqualTo(new double[] { 4, 5, 6 }));
        Assert.Throws<ShapeException>(() => Tensor.FromArray(new float[] { 1, 2, 3 }, new Shape(2, 2)));
    }

    [Test]
    public void RandomTensorsAreReproduciblePerSeed()
    {
        var a = Tensor.RandN(new Shape(100), rng: new Rng(7)).ToDoubleArray();
        var b = Tensor.RandN(new Shape(100), rng: new Rng(7)).ToDoubleArray();
        var c = Tensor.RandN(new Shape(100), rng: new Rng(8)).ToDoubleArray();
        Assert.That(a, Is.EqualTo(b));
        Assert.That(a, Is.Not.EqualTo(c));
    }

    [Test]
    public void RandomDistributionsHaveTheRequestedMoments()
    {
        // 200k samples: the standard error of the mean is 0.0022 std, so these bounds are > 4 sigma.
        var n = Tensor.RandN(new Shape(200_000), mean: 1.5, std: 2, rng: new Rng(11), dtype: DType.Float64).ToDoubleArray();
        var mean = n.Average();
        var std = Math.Sqrt(n.Select(v => (v - mean) * (v - mean)).Average());
        Assert.That(mean, Is.EqualTo(1.5).Within(0.02));
        Assert.That(std, Is.EqualTo(2).Within(0.02));

        var u = Tensor.RandU(new Shape(200_000), -1, 3, new Rng(12), DType.Float64).ToDoubleArray();
        Assert.That(u, Is.All.InRange(-1, 3));
        Assert.That(u.Average(), Is.EqualTo(1).Within(0.02));
    }
}
