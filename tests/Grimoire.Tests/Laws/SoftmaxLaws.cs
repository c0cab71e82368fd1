using FsCheck.Fluent;
using Grimoire.Tests.Support;

namespace Grimoire.Tests.Laws;

public class SoftmaxLaws
{
    private static FsCheck.Gen<(TensorSpec X, double Shift)> Logits =>
        Gens.Shape(1, 3, 2000).Where(s => s.Size > 0)
            .SelectMany(shape => FsCheck.Fluent.Gen.Zip(Gens.Tensor(shape, DType.Float64, -20, 20), FsCheck.Fluent.Gen.Choose(-500, 500).Select(v => v * 1.0)));

    [Test]
    public void RowsSumToOneAndAreNonNegative() => PropertyCheck.ForAll(Logits, c =>
    {
        var y = c.X.Build().Softmax();
        var sums = y.Sum(-1).ToDoubleArray();
        Assert.That(sums, Is.All.EqualTo(1).Within(1e-12));
        Assert.That(y.ToDoubleArray(), Is.All.GreaterThanOrEqualTo(0));
    });

    [Test]
    public void IsInvariantToShiftingARow() => PropertyCheck.ForAll(Logits, c =>
    {
        var x = c.X.Build();
        var shifted = (x + c.Shift).Softmax().ToDoubleArray();
        var plain = x.Softmax().ToDoubleArray();
        Assert.That(shifted, Is.EqualTo(plain).Within(1e-12));
    });

    [Test]
    public void LogSoftmaxIsLogOfSoftmax() => PropertyCheck.ForAll(Logits, c =>
    {
        var x = c.X.Build();
        Assert.That(x.LogSoftmax().ToDoubleArray(), Is.EqualTo(x.Softmax().Log().ToDoubleArray()).Within(1e-9));
    });

    [Test]
    public void Float32SoftmaxSurvivesHugeLogits()
    {
        using var x = Tensor.FromArray(new[] { 1000f, 999f, -1000f });
        using var y = x.Softmax();
        var p = y.ToDoubleArray();
        Assert.That(p[0], Is.EqualTo(1 / (1 + Math.Exp(-1))).Within(1e-6));
        Assert.That(p[2], Is.EqualTo(0));
    }
}
