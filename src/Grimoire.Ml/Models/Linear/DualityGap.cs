using Grimoire.Ml.Kernels;
using Grimoire.Ml.Optimization;

namespace Grimoire.Ml.Models.Linear;

/// <summary>The elastic net's duality gap at w, in the scaled form ½‖y − Xw‖² + l1‖w‖₁ + ½l2‖w‖² that
/// <see cref="CoordinateDescent"/> minimises. It bounds how far the primal objective is above the optimum, which
/// makes it a stopping rule that does not depend on the feature scales. The dual point is the residual r scaled
/// into the dual feasible set ‖Xᵀθ − l2·w‖∞ ≤ l1 (scikit-learn's construction, so the same tol means the same
/// thing in both).</summary>
internal static class DualityGap
{
    /// <summary>From the data: X column-major, y and the residual r = y − Xw.</summary>
    public static double Compute(double[] columns, double[] y, double[] residual, double[] w, double l1, double l2)
    {
        var n = y.Length;
        var dualNorm = 0.0;
        for (var j = 0; j < w.Length; j++)
            dualNorm = Math.Max(dualNorm, Math.Abs(VectorOps.Dot(columns.AsSpan(j * n, n), residual) - l2 * w[j]));
        return Compute(dualNorm, VectorOps.Dot(residual, residual), VectorOps.Dot(residual, y), w, l1, l2);
    }

    /// <summary>From the Gram form (scikit-learn's enet_coordinate_descent_gram): q = Xᵀy, h = XᵀXw and ‖y‖², since
    /// Xᵀr = q − h, ‖r‖² = ‖y‖² − 2q·w + w·h and r·y = ‖y‖² − q·w.</summary>
    public static double FromGram(double[] q, double[] h, double yNorm2, double[] w, double l1, double l2)
    {
        var dualNorm = 0.0;
        for (var j = 0; j < w.Length; j++) dualNorm = Math.Max(dualNorm, Math.Abs(q[j] - h[j] - l2 * w[j]));
        var qw = VectorOps.Dot(q, w);
        return Compute(dualNorm, yNorm2 - 2 * qw + VectorOps.Dot(w, h), yNorm2 - qw, w, l1, l2);
    }

    private static double Compute(double dualNorm, double residualNorm2, double residualDotY, double[] w, double l1, double l2)
    {
        var scale = dualNorm > l1 ? l1 / dualNorm : 1.0;
        var gap = dualNorm > l1 ? 0.5 * residualNorm2 * (1 + scale * scale) : residualNorm2;
        return gap + l1 * Vectors.SumAbs(w) - scale * residualDotY + 0.5 * l2 * (1 + scale * scale) * VectorOps.Dot(w, w);
    }
}
