namespace Grimoire.Ml.Optimization;

/// <summary>Plain gradient descent with a fixed step, x ← x − η·∇f(x): the method the book teaches for logistic
/// regression (§3). Slow next to <see cref="Lbfgs"/>, kept so the book's algorithm can be run and compared.</summary>
public static class GradientDescent
{
    /// <summary>Stops when max |∂f/∂xᵢ| ≤ <paramref name="tolerance"/> or after <paramref name="maxIterations"/>
    /// steps; a non-finite f means the step was too large for f's curvature, reported rather than returned.</summary>
    public static Minimum Minimise(SmoothFunction f, double[] start, int maxIterations, double tolerance, double step)
    {
        var x = (double[])start.Clone();
        var gradient = new double[x.Length];
        var value = f(x, gradient);
        for (var iteration = 0; iteration < maxIterations; iteration++)
        {
            if (Vectors.MaxAbs(gradient) <= tolerance) return new Minimum(x, value, iteration, true);
            for (var i = 0; i < x.Length; i++) x[i] -= step * gradient[i];
            value = f(x, gradient);
            if (!double.IsFinite(value))
                throw new ModelException($"gradient descent diverged at iteration {iteration + 1} (objective {value}); lower learning_rate");
        }
        return new Minimum(x, value, maxIterations, Vectors.MaxAbs(gradient) <= tolerance);
    }
}
