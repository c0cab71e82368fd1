using FsCheck;
using FsCheck.Fluent;
using Grimoire.Kernels;
using Grimoire.Ml.Kernels;
using Grimoire.Tests.Laws;
using static Grimoire.Tests.Ml.Kernels.FusedPassCases;

namespace Grimoire.Tests.Ml.Kernels;

/// <summary>The fused logistic pass at every lane width against plain loops with Math.Exp and Math.Log: the summed
/// log loss and its gradient with respect to W and b, for one binary problem and for a softmax over k classes, at
/// scores from near zero to far beyond where a naive e^z overflows.</summary>
public sealed class LogisticPassProperties
{
    private const double Rounding = 1e-12;

    /// <summary>A matrix, a class count and a weight scale (large scales push |z| into the hundreds).</summary>
    private static Gen<((int N, int D, int Seed) Matrix, int Classes, double Scale)> Cases =>
        from m in Matrices
        from k in Gen.Elements(2, 3, 5)
        from scale in Gen.Elements(1e-3, 0.1, 1.0, 30.0)
        select (m, k, scale);

    /// <summary>Weights of both signs, so scores fall on both sides of zero.</summary>
    private static double[] Weights(int count, int seed, double scale)
    {
        var rng = new Random(seed + 1);
        return [.. Enumerable.Range(0, count).Select(_ => (rng.NextDouble() * 2 - 1) * scale)];
    }

    private static double Softplus(double z) => Math.Max(z, 0) + Math.Log(1 + Math.Exp(-Math.Abs(z)));

    [TestCaseSource(typeof(FusedPassCases), nameof(Widths))]
    public void BinaryLossAndGradientAreThePlainSums(Isa isa) => PropertyCheck.ForAll(Cases, c =>
    {
        var (n, d) = (c.Matrix.N, c.Matrix.D);
        var x = Values(n, d, c.Matrix.Seed).Select(v => v / 100).ToArray();
        var w = Weights(d, c.Matrix.Seed, c.Scale);
        var y = Enumerable.Range(0, n).Select(i => (double)((i * 7 + c.Matrix.Seed) % 3 == 0 ? 1 : 0)).ToArray();
        const double b = 0.25;
        using var host = Host(x, n, d);
        var pass = LogisticPass.Binary(host, y, w, b, isa);
        var z = Enumerable.Range(0, n).Select(i => Enumerable.Range(0, d).Sum(f => x[i * d + f] * w[f]) + b).ToArray();
        var losses = z.Select((s, i) => Softplus(s) - y[i] * s).ToArray();
        var residuals = z.Select((s, i) => 1 / (1 + Math.Exp(-s)) - y[i]).ToArray();
        var magnitude = z.Sum(s => Math.Abs(s) + 1);
        Assert.That(pass.Loss, Is.EqualTo(losses.Sum()).Within(Rounding * magnitude));
        Assert.That(pass.InterceptGradient[0], Is.EqualTo(residuals.Sum()).Within(Rounding * n));
        for (var f = 0; f < d; f++)
        {
            var terms = Enumerable.Range(0, n).Select(i => residuals[i] * x[i * d + f]).ToArray();
            Assert.That(pass.WeightGradient[f], Is.EqualTo(terms.Sum()).Within(Rounding * Enumerable.Range(0, n).Sum(i => Math.Abs(x[i * d + f])) + 1e-300), $"∂/∂w{f}");
        }
    });

    [TestCaseSource(typeof(FusedPassCases), nameof(Widths))]
    public void SoftmaxLossAndGradientAreThePlainSums(Isa isa) => PropertyCheck.ForAll(Cases, c =>
    {
        var (n, d, k) = (c.Matrix.N, c.Matrix.D, c.Classes);
        var x = Values(n, d, c.Matrix.Seed).Select(v => v / 100).ToArray();
        var w = Weights(k * d, c.Matrix.Seed, c.Scale);
        var b = Enumerable.Range(0, k).Select(j => 0.1 * j).ToArray();
        var labels = Enumerable.Range(0, n).Select(i => (i * 7 + c.Matrix.Seed) % k).ToArray();
        using var host = Host(x, n, d);
        var pass = LogisticPass.Softmax(host, labels, k, w, b, isa);
        var loss = 0.0;
        var magnitude = 0.0;
        var gradient = new double[k * d];
        var interceptGradient = new double[k];
        for (var i = 0; i < n; i++)
        {
            var z = Enumerable.Range(0, k).Select(j => Enumerable.Range(0, d).Sum(f => x[i * d + f] * w[j * d + f]) + b[j]).ToArray();
            var max = z.Max();
            var sum = z.Sum(s => Math.Exp(s - max));
            loss += Math.Log(sum) - (z[labels[i]] - max);
            magnitude += z.Sum(Math.Abs) + 1;
            for (var j = 0; j < k; j++)
            {
                var residual = Math.Exp(z[j] - max) / sum - (j == labels[i] ? 1 : 0);
                interceptGradient[j] += residual;
                for (var f = 0; f < d; f++) gradient[j * d + f] += residual * x[i * d + f];
            }
        }
        Assert.That(pass.Loss, Is.EqualTo(loss).Within(Rounding * magnitude));
        Assert.That(pass.InterceptGradient, Is.EqualTo(interceptGradient).Within(Rounding * n));
        Assert.That(pass.WeightGradient, Is.EqualTo(gradient).Within(Rounding * x.Sum(Math.Abs) + 1e-300));
    });

    [Test]
    public void LabelsMustNameAClass()
    {
        using var scope = new TensorScope();
        using var host = Host(Values(3, 2, 1), 3, 2);
        Assert.Throws<ArgumentOutOfRangeException>(() => LogisticPass.Softmax(host, [0, 3, 1], 3, new double[6], new double[3]));
        Assert.Throws<ArgumentOutOfRangeException>(() => LogisticPass.Binary(host, [0, 1], new double[2], 0));
    }
}
