using Grimoire.Nn.Layers;

namespace Grimoire.Tests.Nn;

/// <summary>Pooling values on a worked example, output sizes ⌊(h − f)/s⌋ + 1, and shape errors.</summary>
public sealed class PoolingTests
{
    [Test]
    public void MaxAndAveragePoolTwoByTwoWindows()
    {
        using var x = Tensor.FromArray(new float[] { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16 }, new Shape(1, 1, 4, 4));
        using var max = Pool2d.Max(2);
        using var mean = Pool2d.Average(2);
        using var m = max.Forward(x);
        using var a = mean.Forward(x);
        Assert.That(m.Shape, Is.EqualTo(new Shape(1, 1, 2, 2)));
        Assert.That(m.ToDoubleArray(), Is.EqualTo(new double[] { 6, 8, 14, 16 }));
        Assert.That(a.ToDoubleArray(), Is.EqualTo(new double[] { 3.5, 5.5, 11.5, 13.5 }));
    }

    [TestCase(5, 2, 2, 2)]
    [TestCase(5, 3, 1, 3)]
    [TestCase(7, 3, 2, 3)]
    public void OutputSizeIsFloorOfHMinusFOverSPlusOne(int h, int size, int stride, int expected)
    {
        using var x = Tensor.Zeros(new Shape(2, 3, h, h));
        using var pool = Pool2d.Max(size, stride);
        using var y = pool.Forward(x);
        Assert.That(y.Shape, Is.EqualTo(new Shape(2, 3, expected, expected)));
    }

    [Test]
    public void AWindowLargerThanTheInputIsAShapeError()
    {
        using var x = Tensor.Zeros(new Shape(1, 1, 2, 2));
        using var pool = Pool2d.Max(3);
        Assert.That(Assert.Throws<ShapeException>(() => pool.Forward(x).Dispose())!.Message, Does.Contain("3x3"));
        Assert.Throws<ShapeException>(() => pool.Forward(Tensor.Zeros(new Shape(4, 4))).Dispose());
    }
}
