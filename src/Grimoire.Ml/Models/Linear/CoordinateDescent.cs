using Grimoire.Ml.Kernels;

namespace Grimoire.Ml.Models.Linear;

/// <summary>Cyclic (or random) coordinate descent for the elastic net in scikit-learn's scaled form (cd_fast's
/// enet_coordinate_descent and its _gram variant): minimises ½‖y − Xw‖² + l1·‖w‖₁ + ½·l2·‖w‖², which is n times the
/// per-sample objective with l1 = nαρ and l2 = nα(1 − ρ). Each step minimises exactly over one coordinate by
/// soft-thresholding. The stopping rule is scikit-learn's, so epoch counts are comparable: after an epoch whose largest
/// coordinate change is below tol times the largest |w_j| (or when w is all zero, or on the last epoch), compute the
/// duality gap and stop once it is below tol·‖y‖². The data form keeps the residual r = y − Xw (X column-major), the
/// Gram form keeps h = XᵀXw, which pays when n ≫ d and the epochs are many. Either way a step costs at most two passes
/// over one column (or Gram row): the correlation with coordinate j taken out is X_jᵀr + w_j‖X_j‖², and the update
/// one scaled add of the change, where cd_fast takes three passes.</summary>
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
    public static Result Solve(double[] columns, double[] squaredNorms, double[] y, double l1, double l2, int maxIter, double tol, Random? random) =>
        Run(new DataForm(columns, squaredNorms, y), tol * VectorOps.Dot(y, y), l1, l2, maxIter, tol, random);

    /// <param name="gram">XᵀX [d, d] row-major; a zero diagonal entry keeps that coefficient 0.</param>
    /// <param name="moment">Xᵀy [d].</param>
    /// <param name="yNorm2">‖y‖².</param>
    /// <param name="l1">The L1 weight in the scaled objective (nαρ).</param>
    /// <param name="l2">The L2 weight in the scaled objective (nα(1 − ρ)).</param>
    /// <param name="maxIter">The most epochs.</param>
    /// <param name="tol">Relative tolerance of the coordinate changes and of the duality gap (times ‖y‖²).</param>
    /// <param name="random">Null for cyclic order; otherwise each of an epoch's d steps picks a column at random.</param>
    public static Result SolveGram(double[] gram, double[] moment, double yNorm2, double l1, double l2, int maxIter, double tol, Random? random) =>
        Run(new GramForm(gram, moment, yNorm2), tol * yNorm2, l1, l2, maxIter, tol, random);

    /// <summary>What a step needs from the problem, kept up to date as coefficients change.</summary>
    private interface IForm
    {
        int Coefficients { get; }

        /// <summary>‖X_j‖², the curvature along coordinate j.</summary>
        double Curvature(int j);

        /// <summary>X_jᵀ(y − Xw) with coordinate j's current value <paramref name="old"/> taken out of w: X_jᵀr + old·‖X_j‖²,
        /// one pass where taking old out of r first and then correlating takes two.</summary>
        double Correlation(int j, double old);

        /// <summary>Moves coordinate j from <paramref name="old"/> to <paramref name="value"/> in what the form keeps (one
        /// scaled add of the change; none when it did not change).</summary>
        void Update(int j, double old, double value);

        double Gap(double[] w, double l1, double l2);
    }

    private static Result Run<TForm>(TForm form, double gapTolerance, double l1, double l2, int maxIter, double tol, Random? random) where TForm : IForm
    {
        var d = form.Coefficients;
        var w = new double[d];
        var gap = double.PositiveInfinity;
        for (var epoch = 0; epoch < maxIter; epoch++)
        {
            var (wMax, changeMax) = (0.0, 0.0);
            for (var step = 0; step < d; step++)
            {
                var j = random?.Next(d) ?? step;
                if (form.Curvature(j) == 0) continue;
                var old = w[j];
                var correlation = form.Correlation(j, old);
                w[j] = Math.Sign(correlation) * Math.Max(Math.Abs(correlation) - l1, 0) / (form.Curvature(j) + l2);
                form.Update(j, old, w[j]);
                changeMax = Math.Max(changeMax, Math.Abs(w[j] - old));
                wMax = Math.Max(wMax, Math.Abs(w[j]));
            }
            if (wMax == 0 || changeMax / wMax < tol || epoch == maxIter - 1)
            {
                gap = form.Gap(w, l1, l2);
                if (gap < gapTolerance) return new Result(w, epoch + 1, gap, true);
            }
        }
        return new Result(w, maxIter, gap, false);
    }

    private sealed class DataForm(double[] columns, double[] squaredNorms, double[] y) : IForm
    {
        private readonly double[] _residual = (double[])y.Clone();

        public int Coefficients => squaredNorms.Length;

        public double Curvature(int j) => squaredNorms[j];

        public double Correlation(int j, double old) => VectorOps.Dot(Column(j), _residual) + old * squaredNorms[j];

        public void Update(int j, double old, double value)
        {
            if (value != old) VectorOps.AddScaled(_residual, old - value, Column(j));
        }

        public double Gap(double[] w, double l1, double l2) => DualityGap.Compute(columns, y, _residual, w, l1, l2);

        private ReadOnlySpan<double> Column(int j) => columns.AsSpan(j * y.Length, y.Length);
    }

    private sealed class GramForm(double[] gram, double[] moment, double yNorm2) : IForm
    {
        private readonly double[] _h = new double[moment.Length];

        public int Coefficients => moment.Length;

        public double Curvature(int j) => gram[(long)j * moment.Length + j];

        public double Correlation(int j, double old) => moment[j] - _h[j] + old * Curvature(j);

        public void Update(int j, double old, double value)
        {
            if (value != old) VectorOps.AddScaled(_h, value - old, Row(j));
        }

        public double Gap(double[] w, double l1, double l2) => DualityGap.FromGram(moment, _h, yNorm2, w, l1, l2);

        private ReadOnlySpan<double> Row(int j) => gram.AsSpan(j * moment.Length, moment.Length);
    }
}
