using Grimoire.Autograd;
using Grimoire.Nn;

namespace Grimoire.Tests.Nn;

/// <summary>The per-pixel cross-entropy of segmentation: [n, c, h, w] logits as [n·h·w, c] rows in NHW order, its
/// value as the mean of the pixels' own cross-entropies, its gradient against central differences in float64, and
/// shape errors.</summary>
[TestFixture]
public sealed class PixelLossTests
{
    [Test]
    public void PixelRowsListEachPixelsClassScoresInNhwOrder()
    {
        // n = 1, c = 2, h = 1, w = 3: channel 0 is 1 2 3, channel 1 is 4 5 6.
        using var logits = Tensor.FromArray(new float[] { 1, 2, 3, 4, 5, 6 }, new Shape(1, 2, 1, 3));
        using var rows = PixelLosses.PixelRows(logits);
        Assert.That(rows.Shape, Is.EqualTo(new Shape(3, 2)));
        Assert.That(rows.ToDoubleArray(), Is.EqualTo(new double[] { 1, 4, 2, 5, 3, 6 }));
    }

    [Test]
    public void LossIsTheMeanOfEachPixelsCrossEntropy()
    {
        using var logits = Tensor.RandN(new Shape(2, 3, 2, 2), rng: new Rng(1), dtype: DType.Float64);
        int[] labels = [0, 1, 2, 0, 2, 2, 1, 0];
        using var y = Tensor.FromArray(labels, new Shape(2, 2, 2));
        using var loss = PixelLosses.CrossEntropy(logits, y);
        var z = logits.ToDoubleArray();
        var expected = 0.0;
        for (var n = 0; n < 2; n++)
        {
            for (var p = 0; p < 4; p++)
            {
                var scores = Enumerable.Range(0, 3).Select(c => z[n * 12 + c * 4 + p]).ToArray();
                expected += Math.Log(scores.Sum(Math.Exp)) - scores[labels[n * 4 + p]];
            }
        }
        Assert.That(loss.Item(), Is.EqualTo(expected / 8).Within(1e-12));
    }

    [Test]
    public void GradientMatchesFiniteDifferences()
    {
        const double step = 1e-6;
        var values = Tensor.RandN(new Shape(2, 3, 2, 3), rng: new Rng(2), dtype: DType.Float64).ToDoubleArray();
        using var y = Tensor.FromArray([0, 1, 2, 2, 1, 0, 1, 1, 0, 2, 2, 0], new Shape(2, 2, 3));
        using var logits = Tensor.FromArray(values, new Shape(2, 3, 2, 3));
        logits.RequiresGrad = true;
        using (new TensorScope()) PixelLosses.CrossEntropy(logits, y).Backward();
        var analytic = logits.Grad!.ToDoubleArray();
        for (var j = 0; j < values.Length; j++)
        {
            var original = values[j];
            values[j] = original + step;
            var plus = LossAt(values, y);
            values[j] = original - step;
            var minus = LossAt(values, y);
            values[j] = original;
            Assert.That(analytic[j], Is.EqualTo((plus - minus) / (2 * step)).Within(1e-7), $"d/d(logit {j})");
        }
    }

    [Test]
    public void MismatchedShapesAreShapeErrors()
    {
        using var logits = Tensor.Zeros(new Shape(2, 3, 4, 4));
        Assert.Throws<ShapeException>(() => PixelLosses.CrossEntropy(logits, Tensor.Zeros(new Shape(2, 4, 5), DType.Int32)).Dispose());
        Assert.Throws<ShapeException>(() => PixelLosses.CrossEntropy(logits, Tensor.Zeros(new Shape(32), DType.Int32)).Dispose());
        Assert.Throws<ShapeException>(() => PixelLosses.PixelRows(Tensor.Zeros(new Shape(3, 4))).Dispose());
    }

    private static double LossAt(double[] values, Tensor labels)
    {
        using var noGrad = GradMode.NoGrad();
        using var scope = new TensorScope();
        return PixelLosses.CrossEntropy(Tensor.FromArray(values, new Shape(2, 3, 2, 3)), labels).Item();
    }
}
