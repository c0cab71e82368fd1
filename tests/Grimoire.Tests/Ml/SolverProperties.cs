using FsCheck;
using FsCheck.Fluent;
using Grimoire.Ml.Data;
using Grimoire.Ml.Linalg;
using Grimoire.Ml.Models;
using Grimoire.Ml.Models.Linear;
using Grimoire.Tests.Laws;

namespace Grimoire.Tests.Ml;

/// <summary>Properties of the solvers on random problems: Cholesky and the pseudo-inverse solve A·x = b; a ridge
/// fit makes the gradient of its objective vanish; a rank-deficient OLS fit returns the minimum-norm solution.</summary>
public sealed class SolverProperties
{
    private static Gen<(int N, int D, int Seed)> Sizes => Gen.Zip(Gen.Choose(1, 12), Gen.Choose(0, 1 << 20)).SelectMany(p => Gen.Choose(p.Item1 + 1, 60).Select(n => (n, p.Item1, p.Item2)));

    private static double[] Normal(Random rng, int count) =>
        Enumerable.Range(0, count).Select(_ => rng.NextGaussian()).ToArray();

    [Test]
    public void CholeskyAndPseudoInverseSolveSymmetricPositiveDefiniteSystems() => PropertyCheck.ForAll(Sizes, p =>
    {
        var rng = new Random(p.Seed);
        var m = Normal(rng, p.N * p.D);
        var a = new double[p.D, p.D];
        for (var i = 0; i < p.D; i++)
            for (var j = 0; j < p.D; j++)
                for (var r = 0; r < p.N; r++) a[i, j] += m[r * p.D + i] * m[r * p.D + j] + (i == j ? 0.1 / p.N : 0);
        var b = Normal(rng, p.D);
        foreach (var x in new[] { Cholesky.TrySolve(a, b)!, SymmetricEigen.PseudoInverseSolve(a, b) })
        {
            for (var i = 0; i < p.D; i++)
            {
                var row = Enumerable.Range(0, p.D).Sum(j => a[i, j] * x[j]);
                Assert.That(row, Is.EqualTo(b[i]).Within(1e-8 * (1 + Math.Abs(b[i]))));
            }
        }
    });

    [Test]
    public void RidgeMakesTheGradientOfItsObjectiveVanish() => PropertyCheck.ForAll(Sizes, p =>
    {
        var rng = new Random(p.Seed);
        var (x, y) = (Normal(rng, p.N * p.D), Normal(rng, p.N));
        const double alpha = 0.7;
        using var data = new Dataset("random", [.. Enumerable.Range(0, p.D).Select(i => $"x{i}")], Tensor.FromArray(x, new Shape(p.N, p.D)), "y", Tensor.FromArray(y, new Shape(p.N)));
        var fit = (LinearModel)ModelCatalogue.Find("ridge").Fit(data, new ModelSettings([$"alpha={alpha}"]));
        var residual = Enumerable.Range(0, p.N).Select(r => y[r] - fit.Intercept - Enumerable.Range(0, p.D).Sum(j => x[r * p.D + j] * fit.Coef[j])).ToArray();
        Assert.That(residual.Sum(), Is.EqualTo(0).Within(1e-8 * p.N), "d/d intercept");
        for (var j = 0; j < p.D; j++)
        {
            var gradient = -2 * Enumerable.Range(0, p.N).Sum(r => x[r * p.D + j] * residual[r]) + 2 * alpha * fit.Coef[j];
            Assert.That(gradient, Is.EqualTo(0).Within(1e-7 * p.N), $"d/d coef[{j}]");
        }
    });

    [Test]
    public void RankDeficientLeastSquaresGivesTheMinimumNormSolution()
    {
        // y = x0 + x1 with x1 duplicated as x2: every w with w1 + w2 = 1 fits; the minimum norm splits it evenly.
        var rng = new Random(3);
        var n = 40;
        var x = new double[n * 3];
        var y = new double[n];
        for (var r = 0; r < n; r++)
        {
            (x[r * 3], x[r * 3 + 1]) = (rng.NextDouble(), rng.NextDouble());
            x[r * 3 + 2] = x[r * 3 + 1];
            y[r] = x[r * 3] + x[r * 3 + 1];
        }
        using var data = new Dataset("duplicated", ["a", "b", "b_copy"], Tensor.FromArray(x, new Shape(n, 3)), "y", Tensor.FromArray(y, new Shape(n)));
        var fit = (LinearModel)ModelCatalogue.Find("linear-regression").Fit(data, ModelSettings.Empty);
        Assert.That(fit.Coef, Is.EqualTo(new[] { 1.0, 0.5, 0.5 }).Within(1e-8));
        Assert.That(fit.Intercept, Is.EqualTo(0).Within(1e-8));
    }
}
