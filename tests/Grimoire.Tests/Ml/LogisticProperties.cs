using FsCheck;
using FsCheck.Fluent;
using Grimoire.Ml.Data;
using Grimoire.Ml.Models;
using Grimoire.Ml.Models.Logistic;
using Grimoire.Tests.Laws;

namespace Grimoire.Tests.Ml;

/// <summary>Properties of logistic regression on random problems: at the lbfgs solution the gradient of the
/// objective, recomputed here in plain C# from the reported coefficients, vanishes (for every class count,
/// multi_class, C and fit_intercept); predicted probabilities are in [0, 1], sum to 1 and pick the predicted label.</summary>
public sealed class LogisticProperties
{
    private sealed record Problem(int N, int D, int K, bool Multinomial, bool FitIntercept, double C, int Seed);

    private static Gen<Problem> Problems =>
        from d in Gen.Choose(1, 5)
        from k in Gen.Choose(2, 4)
        from n in Gen.Choose(2 * k, 50)
        from multinomial in Gen.Elements(true, false)
        from fitIntercept in Gen.Elements(true, false)
        from c in Gen.Elements(0.05, 1.0, 20.0)
        from seed in Gen.Choose(0, 1 << 20)
        select new Problem(n, d, k, multinomial, fitIntercept, c, seed);

    [Test]
    public void TheGradientVanishesAtTheLbfgsSolution() => PropertyCheck.ForAll(Problems, p =>
    {
        var (x, y) = Sample(p);
        using var data = Data(p, x, y);
        var model = Fit(p, data);
        var (weights, biases) = FullRows(p, model);
        var gradients = Gradient(p, x, y, weights, biases);
        var bound = 1e-6 * Math.Max(1, p.C * p.N);
        Assert.That(gradients.Select(Math.Abs).Max(), Is.LessThan(bound), $"max |gradient| for {p}");
    });

    [Test]
    public void ProbabilitiesSumToOneAndPickTheLabel() => PropertyCheck.ForAll(Problems, p =>
    {
        var (x, y) = Sample(p);
        using var data = Data(p, x, y);
        var prediction = Fit(p, data).Predict(data.X);
        Assert.That(prediction.Probabilities, Has.Length.EqualTo(p.N));
        for (var r = 0; r < p.N; r++)
        {
            var row = prediction.Probabilities![r];
            Assert.That(row, Has.Length.EqualTo(p.K));
            Assert.That(row, Is.All.InRange(0.0, 1.0));
            Assert.That(row.Sum(), Is.EqualTo(1).Within(1e-12));
            Assert.That(prediction.Values[r], Is.EqualTo(Array.IndexOf(row, row.Max()) * 10.0));
        }
    });

    /// <summary>Gaussian features, classes 0, 10, 20, … drawn from a random linear model so the problem is neither
    /// trivial nor separable by design; every class appears at least once.</summary>
    private static (double[] X, double[] Y) Sample(Problem p)
    {
        var rng = new Random(p.Seed);
        double Normal() => rng.NextGaussian();
        var x = Enumerable.Range(0, p.N * p.D).Select(_ => Normal()).ToArray();
        var truth = Enumerable.Range(0, p.K * p.D).Select(_ => 2 * Normal()).ToArray();
        var y = new double[p.N];
        for (var r = 0; r < p.N; r++)
        {
            var scores = Enumerable.Range(0, p.K).Select(k => Enumerable.Range(0, p.D).Sum(j => truth[k * p.D + j] * x[r * p.D + j]) + Normal()).ToArray();
            y[r] = r < p.K ? r * 10 : Array.IndexOf(scores, scores.Max()) * 10;
        }
        return (x, y);
    }

    private static Dataset Data(Problem p, double[] x, double[] y) =>
        new("random", [.. Enumerable.Range(0, p.D).Select(i => $"x{i}")], Tensor.FromArray(x, new Shape(p.N, p.D)), "y", Tensor.FromArray(y, new Shape(p.N)));

    private static LogisticModel Fit(Problem p, Dataset data) =>
        (LogisticModel)ModelCatalogue.Find("logistic-regression").Fit(data, new ModelSettings([
            $"C={p.C}", $"fit_intercept={p.FitIntercept}", $"multi_class={(p.Multinomial ? "multinomial" : "ovr")}", "tol=1e-10", "max_iter=1000"]));

    /// <summary>The parameters the solver actually optimised: a two-class multinomial fit reports only the second
    /// row, the first being its negation.</summary>
    private static (double[][] W, double[] B) FullRows(Problem p, LogisticModel m) =>
        p.Multinomial && p.K == 2
            ? ([m.Coef[0].Select(v => -v).ToArray(), m.Coef[0]], [-m.Intercept[0], m.Intercept[0]])
            : (m.Coef, m.Intercept);

    /// <summary>∂f/∂(W, b) of C·Σ loss + ½‖W‖²: rows are softmax outputs (multinomial) or independent binary
    /// problems (one-vs-rest, or the single row of a two-class ovr fit, whose positive class is the second).</summary>
    private static double[] Gradient(Problem p, double[] x, double[] y, double[][] w, double[] b)
    {
        var rows = w.Length;
        var g = new List<double>();
        var residual = new double[p.N, rows];
        for (var r = 0; r < p.N; r++)
        {
            var z = Enumerable.Range(0, rows).Select(k => b[k] + Enumerable.Range(0, p.D).Sum(j => w[k][j] * x[r * p.D + j])).ToArray();
            var label = (int)(y[r] / 10);
            for (var k = 0; k < rows; k++)
            {
                var positive = rows == 1 ? label == 1 : label == k;
                var probability = p.Multinomial ? Math.Exp(z[k] - LogSumExp(z)) : 1 / (1 + Math.Exp(-z[k]));
                residual[r, k] = probability - (positive ? 1 : 0);
            }
        }
        for (var k = 0; k < rows; k++)
        {
            for (var j = 0; j < p.D; j++) g.Add(p.C * Enumerable.Range(0, p.N).Sum(r => residual[r, k] * x[r * p.D + j]) + w[k][j]);
            if (p.FitIntercept) g.Add(p.C * Enumerable.Range(0, p.N).Sum(r => residual[r, k]));
        }
        return [.. g];
    }

    private static double LogSumExp(double[] z)
    {
        var max = z.Max();
        return max + Math.Log(z.Sum(v => Math.Exp(v - max)));
    }
}
