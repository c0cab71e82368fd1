using System.Numerics.Tensors;

namespace Grimoire.Ml.Models.Linear;

/// <summary>Cyclic (or random) coordinate descent for the elastic net in scikit-learn's scaled form (cd_fast's
/// enet_coordinate_descent): minimises ½‖y − Xw‖² + l1·‖w‖₁ + ½·l2·‖w‖², which is n times the per-sample objective
/// with l1 = nαρ and l2 = nα(1 − ρ). Each step minimises exactly over one coordinate by soft-thresholding, keeping
/// the residual r = y − Xw up to date so a step costs two passes over one column. X is stored column-major so that
/// column is contiguous. The stopping rule is scikit-learn's, so epoch counts are comparable: after an epoch whose
/// largest coordinate change is below tol times the largest |w_j| (or when w is all zero, or on the last epoch),
/// compute the duality gap and stop once it is below tol·‖y‖².</summary>
internal static class CoordinateDescent
{
    /// <summary>The coefficients, the epochs run, the last duality gap computed (in the scaled units above) and
    /// whether it met the tolerance before max_iter ran out.</summary>
    public sealed record Result(double[] Coef, int Epochs, double DualityGap, bool Converged);

    /// <param name="columns">X column-major: column j is columns[j·n .. (j+1)·n).</param>
    /// <param name="squaredNorms">‖X_j‖² per column; a zero-norm column keeps coefficient 0.</param>
    /// <param name="y">The target (centred when an intercept is fitted), length n.</param>
    /// <param name="l1">The L1 weight in the scaled objective (nαρ).</param>
    /// <param name="l2">The L2 weight in the scaled objective (nα(1 − ρ)).</param>
    /// <param name="maxIter">The most epochs.</param>
    /// <param name="tol">Relative tolerance of the coordinate changes and of the duality gap (times ‖y‖²).</param>
    /// <param name="random">Null for cyclic order; otherwise each of an epoch's d steps picks a column at random.</param>
    public static Result Solve(double[] columns, double[] squaredNorms, double[] y, double l1, double l2, int maxIter, double tol, Random? random)
    {
        var n = y.Length;
        var d = squaredNorms.Length;
        var w = new double[d];
        var residual = (double[])y.Clone();
        var gapTolerance = tol * TensorPrimitives.Dot<double>(y, y);
        var gap = double.PositiveInfinity;
        for (var epoch = 0; epoch < maxIter; epoch++)
        {
            var (wMax, changeMax) = (0.0, 0.0);
            for (var step = 0; step < d; step++)
            {
                var j = random?.Next(d) ?? step;
                if (squaredNorms[j] == 0) continue;
                var column = columns.AsSpan(j * n, n);
                var old = w[j];
                if (old != 0) TensorPrimitives.MultiplyAdd(column, old, residual, residual);
                var correlation = TensorPrimitives.Dot(column, residual);
                w[j] = Math.Sign(correlation) * Math.Max(Math.Abs(correlation) - l1, 0) / (squaredNorms[j] + l2);
                if (w[j] != 0) TensorPrimitives.MultiplyAdd(column, -w[j], residual, residual);
                changeMax = Math.Max(changeMax, Math.Abs(w[j] - old));
                wMax = Math.Max(wMax, Math.Abs(w[j]));
            }
            if (wMax == 0 || changeMax / wMax < tol || epoch == maxIter - 1)
            {
                gap = DualityGap.Compute(columns, y, residual, w, l1, l2);
                if (gap < gapTolerance) return new Result(w, epoch + 1, gap, true);
            }
        }
        return new Result(w, maxIter, gap, false);
    }
}
