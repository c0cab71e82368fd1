namespace Grimoire.Ml.Optimization;

/// <summary>A differentiable function to minimise: returns f(x) and writes ∇f(x) into <c>gradient</c>, so one pass
/// over the data yields both (the value alone is never cheaper for the models here).</summary>
public delegate double SmoothFunction(double[] x, double[] gradient);

/// <summary>Where a minimiser stopped: the point, the function value there, the iterations taken, and whether the
/// gradient test (max |∂f/∂xᵢ| ≤ tol) was met rather than the iteration cap or a stalled line search.</summary>
public sealed record Minimum(double[] Point, double Value, int Iterations, bool Converged);
