using FsCheck;
using FsCheck.Fluent;
using Grimoire.Ml.Data;
using Grimoire.Ml.Models;
using Grimoire.Ml.Models.Linear;
using Grimoire.Tests.Laws;

namespace Grimoire.Tests.Ml;

/// <summary>Properties of the lasso/elastic-net fit on random problems, converged tightly: the optimality (KKT)
/// conditions hold, the intercept leaves a zero-mean residual, a large enough α zeroes every coefficient, random
/// selection and the Gram form (precompute) reach the cyclic optimum, and elastic-net with l1_ratio=1 is the lasso.</summary>
public sealed class LassoProperties
{
    private static readonly string[] Tight = ["tol=1e-12", "max_iter=100000"];

    /// <summary>n rows, d features, seed, α in [0.005, 0.5], ρ in [0.05, 1].</summary>
    private static Gen<(int N, int D, int Seed, double Alpha, double L1Ratio)> Problems =>
        from d in Gen.Choose(1, 10)
        from n in Gen.Choose(d + 1, 60)
        from seed in Gen.Choose(0, 1 << 20)
        from alpha in Gen.Choose(5, 500)
        from ratio in Gen.Choose(5, 100)
        select (n, d, seed, alpha / 1000.0, ratio / 100.0);

    private static double[] Normal(Random rng, int count) =>
        Enumerable.Range(0, count).Select(_ => rng.NextGaussian()).ToArray();

    /// <summary>Features with unequal scales and a target that depends on about half of them, plus noise.</summary>
    private static (double[] X, double[] Y) Sample(int n, int d, int seed)
    {
        var rng = new Random(seed);
        var x = Normal(rng, n * d);
        for (var i = 0; i < x.Length; i++) x[i] *= 1 + i % d;
        var beta = Enumerable.Range(0, d).Select(j => j % 2 == 0 ? rng.NextDouble() - 0.5 : 0).ToArray();
        var noise = Normal(rng, n);
        var y = Enumerable.Range(0, n).Select(r => 3 + 0.3 * noise[r] + Enumerable.Range(0, d).Sum(j => x[r * d + j] * beta[j])).ToArray();
        return (x, y);
    }

    private static LinearModel Fit(string model, double[] x, double[] y, int n, int d, params string[] settings)
    {
        using var data = new Dataset("random", [.. Enumerable.Range(0, d).Select(i => $"x{i}")], Tensor.FromArray(x, new Shape(n, d)), "y", Tensor.FromArray(y, new Shape(n)));
        return (LinearModel)ModelCatalogue.Find(model).Fit(data, new ModelSettings(settings));
    }

    private static double[] Residual(LinearModel fit, double[] x, double[] y, int d) =>
        y.Select((v, r) => v - fit.Intercept - Enumerable.Range(0, d).Sum(j => x[r * d + j] * fit.Coef[j])).ToArray();

    [Test]
    public void OptimalityConditionsHoldAtTheSolution() => PropertyCheck.ForAll(Problems, p =>
    {
        var (x, y) = Sample(p.N, p.D, p.Seed);
        var fit = Fit("elastic-net", x, y, p.N, p.D, [$"alpha={p.Alpha}", $"l1_ratio={p.L1Ratio}", .. Tight]);
        var residual = Residual(fit, x, y, p.D);
        Assert.That(residual.Sum() / p.N, Is.EqualTo(0).Within(1e-9 * (1 + y.Max(Math.Abs))), "the unpenalised intercept leaves a zero-mean residual");
        var (l1, l2) = (p.Alpha * p.L1Ratio, p.Alpha * (1 - p.L1Ratio));
        for (var j = 0; j < p.D; j++)
        {
            // Xⱼᵀr/n is the negative gradient of the squared-error term; the penalty's subgradient must balance it.
            var correlation = Enumerable.Range(0, p.N).Sum(r => x[r * p.D + j] * residual[r]) / p.N;
            var w = fit.Coef[j];
            var tolerance = 1e-7;
            if (w == 0)
                Assert.That(Math.Abs(correlation), Is.LessThanOrEqualTo(l1 + tolerance), $"|X{j}ᵀr/n| <= αρ at a zero coefficient");
            else
                Assert.That(correlation - l2 * w, Is.EqualTo(l1 * Math.Sign(w)).Within(tolerance), $"X{j}ᵀr/n − α(1−ρ)w = αρ·sign(w)");
        }
    });

    [Test]
    public void AlphaAboveTheLargestCorrelationZeroesEveryCoefficient() => PropertyCheck.ForAll(Problems, p =>
    {
        var (x, y) = Sample(p.N, p.D, p.Seed);
        var yMean = y.Average();
        var columnMeans = Enumerable.Range(0, p.D).Select(j => Enumerable.Range(0, p.N).Average(r => x[r * p.D + j])).ToArray();
        var alphaMax = Enumerable.Range(0, p.D).Max(j => Math.Abs(Enumerable.Range(0, p.N).Sum(r => (x[r * p.D + j] - columnMeans[j]) * (y[r] - yMean)))) / p.N;
        var fit = Fit("lasso", x, y, p.N, p.D, $"alpha={alphaMax * 1.01}");
        Assert.That(fit.Coef, Is.All.EqualTo(0));
        Assert.That(fit.Intercept, Is.EqualTo(yMean).Within(1e-12 * (1 + Math.Abs(yMean))));
        Assert.That(fit.Iterations, Is.EqualTo(1), "an all-zero epoch checks the gap at once, and it is zero");
    });

    [Test]
    public void RandomSelectionReachesTheCyclicOptimum() => PropertyCheck.ForAll(Problems, p =>
    {
        var (x, y) = Sample(p.N, p.D, p.Seed);
        var cyclic = Fit("elastic-net", x, y, p.N, p.D, [$"alpha={p.Alpha}", $"l1_ratio={p.L1Ratio}", .. Tight]);
        var random = Fit("elastic-net", x, y, p.N, p.D, [$"alpha={p.Alpha}", $"l1_ratio={p.L1Ratio}", "selection=random", $"random_state={p.Seed}", .. Tight]);
        Assert.That(random.Objective, Is.EqualTo(cyclic.Objective).Within(1e-9 * (1 + cyclic.Objective)));
    }, cases: 30);

    [Test]
    public void TheGramFormReachesTheSameOptimum() => PropertyCheck.ForAll(Problems, p =>
    {
        var (x, y) = Sample(p.N, p.D, p.Seed);
        string[] settings = [$"alpha={p.Alpha}", $"l1_ratio={p.L1Ratio}", .. Tight];
        var data = Fit("elastic-net", x, y, p.N, p.D, settings);
        var gram = Fit("elastic-net", x, y, p.N, p.D, [.. settings, "precompute=true"]);
        Assert.That(gram.Objective, Is.EqualTo(data.Objective).Within(1e-9 * (1 + data.Objective)));
        Assert.That(gram.Coef, Is.EqualTo(data.Coef).Within(1e-6 * (1 + data.Coef.Max(Math.Abs))));
        Assert.That(gram.Intercept, Is.EqualTo(data.Intercept).Within(1e-6 * (1 + Math.Abs(data.Intercept))));
    }, cases: 30);

    [Test]
    public void ElasticNetWithL1RatioOneIsTheLasso() => PropertyCheck.ForAll(Problems, p =>
    {
        var (x, y) = Sample(p.N, p.D, p.Seed);
        var lasso = Fit("lasso", x, y, p.N, p.D, $"alpha={p.Alpha}");
        var net = Fit("elastic-net", x, y, p.N, p.D, $"alpha={p.Alpha}", "l1_ratio=1");
        Assert.That(net.Coef, Is.EqualTo(lasso.Coef));
        Assert.That(net.Iterations, Is.EqualTo(lasso.Iterations));
    }, cases: 30);
}
