using Grimoire.Kernels;
using Grimoire.Ml.Kernels;
using Grimoire.Tests.Laws;
using static Grimoire.Tests.Ml.Kernels.FusedPassCases;

namespace Grimoire.Tests.Ml.Kernels;

/// <summary>The linear models' fused passes against plain loops at every lane width: column means and squared
/// deviations, the centred Gram matrix and moment (one triangle computed, mirrored), the residual sum of squares,
/// the centred column-major copy, and the dot product and scaled add of coordinate descent. Each result is within a
/// few roundings of the loop (the bound scales with the sum of the magnitudes of its terms), and the passes whose
/// arithmetic order does not depend on the width give the same bits at every width.</summary>
public sealed class LinearPassProperties
{
    private const double Rounding = 1e-13;

    [TestCaseSource(typeof(FusedPassCases), nameof(Widths))]
    public void ColumnMomentsAreThePlainSums(Isa isa) => PropertyCheck.ForAll(Matrices, m =>
    {
        var x = Values(m.N, m.D, m.Seed);
        using var host = Host(x, m.N, m.D);
        var means = ColumnMoments.Means(host, isa);
        var deviations = ColumnMoments.SquaredDeviations(host, means, isa);
        for (var j = 0; j < m.D; j++)
        {
            var column = Enumerable.Range(0, m.N).Select(i => x[i * m.D + j]).ToArray();
            Assert.That(means[j], Is.EqualTo(column.Average()).Within(Rounding * column.Sum(Math.Abs) / m.N + 1e-300), $"mean of column {j}");
            var squares = column.Select(v => (v - means[j]) * (v - means[j])).ToArray();
            Assert.That(deviations[j], Is.EqualTo(squares.Sum()).Within(Rounding * squares.Sum() + 1e-300), $"squared deviations of column {j}");
        }
        Assert.That(ColumnMoments.Means(host, Isa.None), Is.EqualTo(means), "same bits at every width");
        Assert.That(ColumnMoments.SquaredDeviations(host, means, Isa.None), Is.EqualTo(deviations), "same bits at every width");
    });

    [TestCaseSource(typeof(FusedPassCases), nameof(Widths))]
    public void CrossProductsAreTheCentredGramAndMoment(Isa isa) => PropertyCheck.ForAll(Matrices, m =>
    {
        var x = Values(m.N, m.D, m.Seed);
        var y = Values(m.N, 1, m.Seed + 1);
        var mean = ColumnMeans(x, m.N, m.D);
        var yMean = y.Average();
        using var host = Host(x, m.N, m.D);
        using var target = Host(y, m.N, 1);
        var products = CrossProducts.Compute(host, mean, target, yMean, isa);
        for (var a = 0; a < m.D; a++)
        {
            for (var b = 0; b < m.D; b++)
            {
                var terms = Enumerable.Range(0, m.N).Select(i => (x[i * m.D + a] - mean[a]) * (x[i * m.D + b] - mean[b])).ToArray();
                Assert.That(products.Gram[a * m.D + b], Is.EqualTo(terms.Sum()).Within(Rounding * terms.Sum(Math.Abs) + 1e-300), $"G[{a}, {b}]");
                Assert.That(products.Gram[a * m.D + b], Is.EqualTo(products.Gram[b * m.D + a]), "symmetric");
            }
            var moment = Enumerable.Range(0, m.N).Select(i => (x[i * m.D + a] - mean[a]) * (y[i] - yMean)).ToArray();
            Assert.That(products.Moment![a], Is.EqualTo(moment.Sum()).Within(Rounding * moment.Sum(Math.Abs) + 1e-300), $"m[{a}]");
        }
        var scalar = CrossProducts.Compute(host, mean, target, yMean, Isa.None);
        Assert.That(scalar.Gram, Is.EqualTo(products.Gram), "same bits at every width");
        Assert.That(scalar.Moment, Is.EqualTo(products.Moment), "same bits at every width");
        Assert.That(CrossProducts.Compute(host, mean, null, 0, isa).Moment, Is.Null, "no target, no moment");
    });

    [TestCaseSource(typeof(FusedPassCases), nameof(Widths))]
    public void ResidualSquaresAreThePlainSum(Isa isa) => PropertyCheck.ForAll(Matrices, m =>
    {
        var x = Values(m.N, m.D, m.Seed);
        var y = Values(m.N, 1, m.Seed + 1);
        var w = Values(1, m.D, m.Seed + 2).Select(v => v / 100).ToArray();
        var mean = ColumnMeans(x, m.N, m.D);
        var yMean = y.Average();
        using var host = Host(x, m.N, m.D);
        using var target = Host(y, m.N, 1);
        var terms = Enumerable.Range(0, m.N).Select(i => y[i] - yMean - Enumerable.Range(0, m.D).Sum(j => (x[i * m.D + j] - mean[j]) * w[j])).ToArray();
        var magnitude = Enumerable.Range(0, m.N).Sum(i => Math.Abs(y[i] - yMean) + Enumerable.Range(0, m.D).Sum(j => Math.Abs((x[i * m.D + j] - mean[j]) * w[j])));
        var expected = terms.Sum(t => t * t);
        Assert.That(ResidualSquares.Centred(host, mean, target, yMean, w, isa), Is.EqualTo(expected).Within(Rounding * magnitude * magnitude + 1e-300));
    });

    [TestCaseSource(typeof(FusedPassCases), nameof(Widths))]
    public void CentredColumnsAreTheTransposeMinusTheMean(Isa isa) => PropertyCheck.ForAll(Matrices, m =>
    {
        var x = Values(m.N, m.D, m.Seed);
        var mean = ColumnMeans(x, m.N, m.D);
        using var host = Host(x, m.N, m.D);
        var result = CentredColumns.Of(host, mean);
        for (var j = 0; j < m.D; j++)
        {
            var column = Enumerable.Range(0, m.N).Select(i => x[i * m.D + j] - mean[j]).ToArray();
            Assert.That(result.Columns.AsSpan(j * m.N, m.N).ToArray(), Is.EqualTo(column), $"column {j}");
            var squares = column.Sum(v => v * v);
            Assert.That(result.SquaredNorms[j], Is.EqualTo(squares).Within(Rounding * squares + 1e-300), $"‖column {j}‖²");
        }
    });

    [TestCaseSource(typeof(FusedPassCases), nameof(Widths))]
    public void DotAndScaledAddAreThePlainLoops(Isa isa) => PropertyCheck.ForAll(Matrices, m =>
    {
        var a = Values(1, m.N, m.Seed);
        var b = Values(1, m.N, m.Seed + 1);
        var products = a.Zip(b, (p, q) => p * q).ToArray();
        Assert.That(VectorOps.Dot(a, b, isa), Is.EqualTo(products.Sum()).Within(Rounding * products.Sum(Math.Abs) + 1e-300));
        var into = (double[])b.Clone();
        VectorOps.AddScaled(into, 0.37, a, isa);
        Assert.That(into, Is.EqualTo(b.Zip(a, (q, p) => Math.FusedMultiplyAdd(0.37, p, q)).ToArray()), "one fused multiply-add per element");
    });
}
