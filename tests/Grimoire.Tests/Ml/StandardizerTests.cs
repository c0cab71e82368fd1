using Grimoire.Ml;
using Grimoire.Ml.Data;

namespace Grimoire.Tests.Ml;

/// <summary>Standardizer matches StandardScaler: zero-mean, unit population-std columns; constant columns become
/// zeros rather than NaN; rows from elsewhere use the fitted statistics.</summary>
public sealed class StandardizerTests
{
    [Test]
    public void ColumnsGetZeroMeanAndUnitPopulationStd()
    {
        using var scope = new TensorScope();
        var x = Tensor.FromArray(new double[] { 1, 5, 10, 2, 5, 20, 3, 5, 60 }, new Shape(3, 3));
        var s = Standardizer.Fit(x);
        Assert.That(s.Mean, Is.EqualTo(new[] { 2.0, 5, 30 }).Within(1e-12));
        Assert.That(s.Scale, Is.EqualTo(new[] { Math.Sqrt(2.0 / 3), 1, Math.Sqrt(1400.0 / 3) }).Within(1e-12));
        var t = s.Transform(x);
        var columns = t.ToDoubleArray().Chunk(3).ToArray();
        for (var j = 0; j < 3; j++)
        {
            var column = columns.Select(r => r[j]).ToArray();
            Assert.That(column.Average(), Is.EqualTo(0).Within(1e-12), $"mean of column {j}");
            Assert.That(column.Average(v => v * v), Is.EqualTo(j == 1 ? 0 : 1).Within(1e-12), $"variance of column {j}");
        }
    }

    [Test]
    public void TransformUsesTheFittedStatistics()
    {
        using var scope = new TensorScope();
        var s = Standardizer.Fit(Tensor.FromArray(new double[] { 0, 2, 4, 6 }, new Shape(4, 1)));
        Assert.That(s.Transform(Tensor.FromArray(new double[] { 3 + Math.Sqrt(5) }, new Shape(1, 1))).ToDoubleArray(), Is.EqualTo(new[] { 1.0 }).Within(1e-12));
    }

    [Test]
    public void BadShapesAreDataErrors()
    {
        using var scope = new TensorScope();
        Assert.That(() => Standardizer.Fit(Tensor.Zeros(new Shape(0, 2), DType.Float64)), Throws.TypeOf<DataException>().With.Message.Contain("no rows"));
        var s = Standardizer.Fit(Tensor.Ones(new Shape(2, 2), DType.Float64));
        Assert.That(() => s.Transform(Tensor.Ones(new Shape(2, 3), DType.Float64)), Throws.TypeOf<DataException>().With.Message.Contain("fitted on 2 columns, got 3"));
    }
}
