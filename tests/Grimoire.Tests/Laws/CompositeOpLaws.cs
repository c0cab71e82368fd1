using FsCheck;
using FsCheck.Fluent;
using Grimoire.Tests.Support;

namespace Grimoire.Tests.Laws;

/// <summary>The composite ops against their definitions, computed here with plain loops over the row-major values:
/// min and argmin, variance and standard deviation, log-sum-exp (also where exp would overflow), matmul with vector
/// operands, masked fill and the causal mask.</summary>
public class CompositeOpLaws
{
    private static Gen<(TensorSpec X, int Axis)> RowsOf(int minRank = 1) =>
        Gens.Shape(minRank, 3, 600).Where(s => s.Size > 0).SelectMany(s => Gen.Zip(Gens.Tensor(s, DType.Float64), Gen.Choose(0, s.Rank - 1)));

    /// <summary>The values along <paramref name="axis"/> for each output position, in row-major order of the rest.</summary>
    private static IEnumerable<double[]> Lines(TensorSpec x, int axis)
    {
        var strides = x.Shape.ContiguousStrides();
        var others = Enumerable.Range(0, x.Shape.Rank).Where(a => a != axis).ToArray();
        var count = others.Aggregate(1, (n, a) => n * x.Shape[a]);
        for (var o = 0; o < count; o++)
        {
            var (rest, start) = (o, 0);
            for (var k = others.Length - 1; k >= 0; k--)
            {
                start += rest % x.Shape[others[k]] * strides[others[k]];
                rest /= x.Shape[others[k]];
            }
            yield return [.. Enumerable.Range(0, x.Shape[axis]).Select(i => x.Values[start + i * strides[axis]])];
        }
    }

    [Test]
    public void MinAndArgMinFollowTheirDefinitions() => PropertyCheck.ForAll(RowsOf(), p =>
    {
        var x = p.X.Build();
        var lines = Lines(p.X, p.Axis).ToList();
        Assert.That(x.Min(p.Axis).ToDoubleArray(), Is.EqualTo(lines.Select(l => l.Min()).ToArray()));
        Assert.That(x.ArgMin(p.Axis).ToArray<int>(), Is.EqualTo(lines.Select(l => Array.IndexOf(l, l.Min())).ToArray()));
        Assert.That(x.ArgMinAll().ToArray<int>()[0], Is.EqualTo(Array.IndexOf(p.X.Values, p.X.Values.Min())));
        Assert.That(x.ArgMaxAll().ToArray<int>()[0], Is.EqualTo(Array.IndexOf(p.X.Values, p.X.Values.Max())));
    });

    [Test]
    public void ArgMinOfIntegersIsTheFirstSmallest()
    {
        using var scope = new TensorScope();
        Assert.That(Tensor.FromArray(new[] { 4, -2, 7, -2 }).ArgMin(0).ToArray<int>(), Is.EqualTo(new[] { 1 }));
    }

    [TestCase(0)]
    [TestCase(1)]
    public void VarianceAndStdFollowTheirDefinitions(int correction) => PropertyCheck.ForAll(RowsOf().Where(p => p.X.Shape[p.Axis] > correction), p =>
    {
        var x = p.X.Build();
        var expected = Lines(p.X, p.Axis).Select(l => l.Sum(v => (v - l.Average()) * (v - l.Average())) / (l.Length - correction)).ToArray();
        Assert.That(x.Var([p.Axis], correction: correction).ToDoubleArray(), Is.EqualTo(expected).Within(1e-12));
        Assert.That(x.Std([p.Axis], correction: correction).ToDoubleArray(), Is.EqualTo(expected.Select(Math.Sqrt).ToArray()).Within(1e-12));
    });

    [Test]
    public void LogSumExpFollowsItsDefinition() => PropertyCheck.ForAll(RowsOf(), p =>
    {
        var x = p.X.Build();
        var expected = Lines(p.X, p.Axis).Select(l => Math.Log(l.Sum(Math.Exp))).ToArray();
        Assert.That(x.LogSumExp(p.Axis).ToDoubleArray(), Is.EqualTo(expected).Within(1e-12));
        Assert.That(x.LogSumExp(p.Axis, keepDims: true).Rank, Is.EqualTo(x.Rank));
    });

    [Test]
    public void LogSumExpDoesNotOverflowAndKeepsInfinities()
    {
        using var scope = new TensorScope();
        var x = Tensor.FromArray(new[] { 1000.0, 1000.0, double.NegativeInfinity, double.NegativeInfinity, double.PositiveInfinity, 1.0 }, new Shape(3, 2));
        var lse = x.LogSumExp(1).ToDoubleArray();
        Assert.That(lse[0], Is.EqualTo(1000 + Math.Log(2)).Within(1e-12));
        Assert.That(lse[1], Is.EqualTo(double.NegativeInfinity));
        Assert.That(lse[2], Is.EqualTo(double.PositiveInfinity));
    }

    [Test]
    public void MatMulWithVectorsFollowsNumPy()
    {
        using var scope = new TensorScope();
        var m = Tensor.FromArray(new double[] { 1, 2, 3, 4, 5, 6 }, new Shape(2, 3));
        var v3 = Tensor.FromArray(new double[] { 1, 0, -1 });
        var v2 = Tensor.FromArray(new double[] { 2, -1 });
        var batch = Tensor.FromArray(new double[] { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12 }, new Shape(2, 2, 3));
        Assert.That((m.MatMul(v3).Shape, m.MatMul(v3).ToDoubleArray()), Is.EqualTo((new Shape(2), new double[] { -2, -2 })));
        Assert.That((v2.MatMul(m).Shape, v2.MatMul(m).ToDoubleArray()), Is.EqualTo((new Shape(3), new double[] { -2, -1, 0 })));
        Assert.That((v3.MatMul(v3).Shape, v3.MatMul(v3).Item()), Is.EqualTo((Shape.Scalar, 2.0)));
        Assert.That((batch.MatMul(v3).Shape, batch.MatMul(v3).ToDoubleArray()), Is.EqualTo((new Shape(2, 2), new double[] { -2, -2, -2, -2 })));
        Assert.Throws<ShapeException>(() => v3.MatMul(v2));
        Assert.Throws<ShapeException>(() => Tensor.Scalar(2).MatMul(m));
    }

    [Test]
    public void MaskedFillAndTheCausalMask()
    {
        using var scope = new TensorScope();
        var mask = Tensor.CausalMask(3);
        Assert.That(mask.ToDoubleArray(), Is.EqualTo(new double[] { 0, 1, 1, 0, 0, 1, 0, 0, 0 }));
        var scores = Tensor.Ones(new Shape(2, 3, 3)).MaskedFill(mask, double.NegativeInfinity);
        var attention = scores.Softmax(-1).ToDoubleArray();
        Assert.That(attention[..9], Is.EqualTo(new[] { 1.0, 0, 0, 0.5, 0.5, 0, 1 / 3.0, 1 / 3.0, 1 / 3.0 }).Within(1e-7));
        Assert.Throws<ArgumentOutOfRangeException>(() => Tensor.CausalMask(-1));
    }
}
