using Grimoire.Ml;
using Grimoire.Ml.Optimization;

namespace Grimoire.Tests.Ml;

/// <summary>The minimisers on functions with known minima: L-BFGS solves the ill-conditioned Rosenbrock valley and
/// a quadratic; the line search's step meets the strong Wolfe conditions and backs off from an overflowing step;
/// gradient descent converges on a quadratic with a stable step and reports an unstable one.</summary>
public sealed class OptimizationTests
{
    private static double Rosenbrock(double[] x, double[] g)
    {
        var (a, b) = (1 - x[0], x[1] - x[0] * x[0]);
        g[0] = -2 * a - 400 * x[0] * b;
        g[1] = 200 * b;
        return a * a + 100 * b * b;
    }

    /// <summary>½ Σ hᵢ(xᵢ − i)² with curvatures 1..n: minimum 0 at xᵢ = i.</summary>
    private static double Quadratic(double[] x, double[] g)
    {
        var f = 0.0;
        for (var i = 0; i < x.Length; i++)
        {
            g[i] = (i + 1) * (x[i] - i);
            f += 0.5 * (i + 1) * (x[i] - i) * (x[i] - i);
        }
        return f;
    }

    [Test]
    public void LbfgsFindsTheRosenbrockMinimum()
    {
        var m = Lbfgs.Minimise(Rosenbrock, [-1.2, 1], 200, 1e-8);
        Assert.That(m.Converged, $"stopped after {m.Iterations} at f = {m.Value}");
        Assert.That(m.Point, Is.EqualTo(new[] { 1.0, 1 }).Within(1e-6));
        Assert.That(m.Iterations, Is.LessThan(60));
    }

    [Test]
    public void LbfgsSolvesAQuadraticInFewIterations()
    {
        // A tighter tol would meet the relative-decrease stop first: near f = 0 the decreases are below 64 ε.
        var m = Lbfgs.Minimise(Quadratic, new double[10], 100, 1e-6);
        Assert.That(m.Converged, $"stopped after {m.Iterations} at f = {m.Value}");
        Assert.That(m.Point, Is.EqualTo(Enumerable.Range(0, 10).Select(i => (double)i)).Within(1e-6));
        Assert.That(m.Iterations, Is.LessThanOrEqualTo(25));
    }

    [Test]
    public void TheLineSearchStepMeetsTheStrongWolfeConditions()
    {
        double[] x = [-1.2, 1];
        var g = new double[2];
        var f = Rosenbrock(x, g);
        double[] p = [-g[0], -g[1]];
        var slope = -(g[0] * g[0] + g[1] * g[1]);
        var step = WolfeLineSearch.Search(Rosenbrock, x, f, slope, p, 1)!;
        Assert.That(step.Value, Is.LessThanOrEqualTo(f + 1e-4 * step.Alpha * slope), "sufficient decrease");
        Assert.That(Math.Abs(step.Slope), Is.LessThanOrEqualTo(0.9 * -slope), "curvature");
    }

    [Test]
    public void TheLineSearchBacksOffFromAnOverflowingStep()
    {
        // f = (x − 3)² + e^(x − 700) overflows for x > 1409; a first trial at x = 10⁶ must shrink, not fail.
        static double F(double[] x, double[] g)
        {
            g[0] = 2 * (x[0] - 3) + Math.Exp(x[0] - 700);
            return (x[0] - 3) * (x[0] - 3) + Math.Exp(x[0] - 700);
        }
        var forward = WolfeLineSearch.Search(F, [0], F([0], new double[1]), -6, [1], 1e6);
        Assert.That(forward, Is.Not.Null);
        Assert.That(forward!.Value, Is.LessThan(9));
    }

    [Test]
    public void GradientDescentConvergesWithAStableStepAndReportsAnUnstableOne()
    {
        var m = GradientDescent.Minimise(Quadratic, new double[3], 1000, 1e-8, 0.5);
        Assert.That(m.Converged);
        Assert.That(m.Point, Is.EqualTo(new[] { 0.0, 1, 2 }).Within(1e-7));
        Assert.That(() => GradientDescent.Minimise(Quadratic, new double[3], 10000, 1e-8, 1.0),
            Throws.TypeOf<ModelException>().With.Message.Contain("diverged"));
    }
}
