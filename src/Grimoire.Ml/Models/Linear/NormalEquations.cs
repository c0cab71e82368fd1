using Grimoire.Ml.Data;
using Grimoire.Ml.Kernels;
using Grimoire.Ml.Linalg;

namespace Grimoire.Ml.Models.Linear;

/// <summary>Least squares with an optional ridge term through the normal equations (book §2.3–2.5):
/// (XcᵀXc + αI)·w = Xcᵀyc on centred data, so the intercept ȳ − x̄ᵀw is never penalised. XcᵀXc and Xcᵀyc come from
/// one fused float64 pass over X that centres as it packs and computes one triangle (<see cref="CrossProducts"/>), so
/// no centred copy of X is made; the d x d system is solved by Cholesky, or, when X is rank-deficient and α = 0, by the
/// minimum-norm pseudo-inverse (what lstsq returns). The residual sum of squares is a second pass on centred rows.</summary>
public static class NormalEquations
{
    /// <summary>A least-squares (or ridge) solution.</summary>
    /// <param name="Coef">One coefficient per feature.</param>
    /// <param name="Intercept">ȳ − x̄ᵀw, or 0 without an intercept.</param>
    /// <param name="ResidualSumOfSquares">‖y − Xw − b‖² on the training data (without the penalty).</param>
    public sealed record Solution(double[] Coef, double Intercept, double ResidualSumOfSquares);

    /// <summary>The fit of <paramref name="model"/> to <paramref name="data"/>'s target; a <see cref="DataException"/> when
    /// the data's values are so large that XᵀX or Xᵀy overflow float64 (no solver can use an infinite matrix).</summary>
    public static Solution Solve(Dataset data, string model, double alpha, bool fitIntercept)
    {
        var target = data.RequireTarget(model);
        using var x = new HostValues(data.X);
        using var y = new HostValues(target);
        var d = x.Columns;
        var means = fitIntercept ? ColumnMoments.Means(x) : new double[d];
        var yMean = fitIntercept ? ColumnMoments.Means(y)[0] : 0.0;
        var products = CrossProducts.Compute(x, means, y, yMean);
        var (gram, moment) = (products.Gram, products.Moment!);
        if (!gram.All(double.IsFinite) || !moment.All(double.IsFinite))
            throw new DataException($"{data.Source}: values too large for {model}: XᵀX or Xᵀy overflows float64 (sums of products beyond 1.8e308); scale the columns");
        var a = new double[d, d];
        for (var i = 0; i < d; i++)
            for (var j = 0; j < d; j++) a[i, j] = gram[i * d + j] + (i == j ? alpha : 0);
        var coef = Cholesky.TrySolve(a, moment) ?? SymmetricEigen.PseudoInverseSolve(a, moment);
        var intercept = yMean - means.Select((m, i) => m * coef[i]).Sum();
        return new Solution(coef, intercept, ResidualSquares.Centred(x, means, y, yMean, coef));
    }
}
