using System.Numerics.Tensors;

namespace Grimoire.Ml.Models.Linear;

/// <summary>The elastic net's duality gap at w, in the scaled form ½‖y − Xw‖² + l1‖w‖₁ + ½l2‖w‖² that
/// <see cref="CoordinateDescent"/> minimises. It bounds how far the primal objective is above the optimum, which
/// makes it a stopping rule that does not depend on the feature scales. The dual point is the residual r scaled
/// into the dual feasible set ‖Xᵀθ − l2·w‖∞ ≤ l1 (scikit-learn's construction, so the same tol means the same
/// thing in both).</summary>
internal static class DualityGap
{
    public static double Compute(double[] columns, double[] y, double[] residual, double[] w, double l1, double l2)
    {
        var n = y.Length;
        var dualNorm = 0.0;
        for (var j = 0; j < w.Length; j++)
            dualNorm = Math.Max(dualNorm, Math.Abs(TensorPrimitives.Dot(columns.AsSpan(j * n, n), residual) - l2 * w[j]));
        var residualNorm2 = TensorPrimitives.Dot<double>(residual, residual);
        var scale = dualNorm > l1 ? l1 / dualNorm : 1.0;
        var gap = dualNorm > l1 ? 0.5 * residualNorm2 * (1 + scale * scale) : residualNorm2;
        return gap + l1 * TensorPrimitives.SumOfMagnitudes<double>(w) - scale * TensorPrimitives.Dot<double>(residual, y)
            + 0.5 * l2 * (1 + scale * scale) * TensorPrimitives.Dot<double>(w, w);
    }
}
