namespace Grimoire.Ml.Optimization;

/// <summary>Limited-memory BFGS (Nocedal &amp; Wright, Algorithm 7.4/7.5): a quasi-Newton method that builds an inverse
/// Hessian estimate from the last <see cref="Memory"/> step/gradient-change pairs, so it converges superlinearly on
/// smooth convex objectives like the penalised logistic loss while storing only O(m·n) numbers. Steps come from
/// <see cref="WolfeLineSearch"/>. It stops, like scipy's L-BFGS-B that scikit-learn calls, when max |∂f/∂xᵢ| ≤ tol,
/// when f's relative decrease falls below 64 machine epsilons (further steps are rounding noise), or when the line
/// search can no longer find a decrease.</summary>
public static class Lbfgs
{
    private const int Memory = 10;
    private const double RelativeDecreaseFloor = 64 * 2.220446049250313e-16;

    /// <summary>Minimises <paramref name="f"/> from <paramref name="start"/> (not modified) for at most
    /// <paramref name="maxIterations"/> iterations, stopping early as described on the class; <paramref name="tolerance"/>
    /// bounds the largest gradient component.</summary>
    public static Minimum Minimise(SmoothFunction f, double[] start, int maxIterations, double tolerance)
    {
        var x = (double[])start.Clone();
        var gradient = new double[x.Length];
        var value = f(x, gradient);
        var pairs = new List<(double[] S, double[] Y, double Rho)>(Memory);
        for (var iteration = 0; iteration < maxIterations; iteration++)
        {
            if (Vectors.MaxAbs(gradient) <= tolerance) return new Minimum(x, value, iteration, true);
            var direction = Direction(gradient, pairs);
            var slope = Vectors.Dot(gradient, direction);
            if (!(slope < 0))
            {
                pairs.Clear();
                direction = Direction(gradient, pairs);
                slope = Vectors.Dot(gradient, direction);
            }
            // Without curvature pairs the direction is −∇f, whose length says nothing about a good step: start at unit length.
            var initialStep = pairs.Count == 0 ? Math.Min(1, 1 / Math.Sqrt(-slope)) : 1;
            var step = WolfeLineSearch.Search(f, x, value, slope, direction, initialStep);
            if (step is null) return new Minimum(x, value, iteration, false);
            var s = Vectors.Difference(step.Point, x);
            var y = Vectors.Difference(step.Gradient, gradient);
            var sy = Vectors.Dot(s, y);
            if (sy > 1e-12 * Math.Sqrt(Vectors.Dot(s, s) * Vectors.Dot(y, y)))
            {
                if (pairs.Count == Memory) pairs.RemoveAt(0);
                pairs.Add((s, y, 1 / sy));
            }
            var decrease = (value - step.Value) / Math.Max(1, Math.Max(Math.Abs(value), Math.Abs(step.Value)));
            (x, gradient, value) = (step.Point, step.Gradient, step.Value);
            if (decrease <= RelativeDecreaseFloor) return new Minimum(x, value, iteration + 1, Vectors.MaxAbs(gradient) <= tolerance);
        }
        return new Minimum(x, value, maxIterations, Vectors.MaxAbs(gradient) <= tolerance);
    }

    /// <summary>−H·∇f by the two-loop recursion, H₀ scaled by sᵀy/yᵀy of the newest pair (the usual estimate of the
    /// Hessian's scale along the latest step).</summary>
    private static double[] Direction(double[] gradient, List<(double[] S, double[] Y, double Rho)> pairs)
    {
        var q = (double[])gradient.Clone();
        var alphas = new double[pairs.Count];
        for (var i = pairs.Count - 1; i >= 0; i--)
        {
            alphas[i] = pairs[i].Rho * Vectors.Dot(pairs[i].S, q);
            for (var j = 0; j < q.Length; j++) q[j] -= alphas[i] * pairs[i].Y[j];
        }
        var scale = pairs.Count == 0 ? 1 : 1 / (pairs[^1].Rho * Vectors.Dot(pairs[^1].Y, pairs[^1].Y));
        for (var j = 0; j < q.Length; j++) q[j] *= scale;
        for (var i = 0; i < pairs.Count; i++)
        {
            var beta = pairs[i].Rho * Vectors.Dot(pairs[i].Y, q);
            for (var j = 0; j < q.Length; j++) q[j] += (alphas[i] - beta) * pairs[i].S[j];
        }
        for (var j = 0; j < q.Length; j++) q[j] = -q[j];
        return q;
    }
}
