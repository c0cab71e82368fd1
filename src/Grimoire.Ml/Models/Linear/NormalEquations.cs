using Grimoire.Ml.Data;
using Grimoire.Ml.Linalg;

namespace Grimoire.Ml.Models.Linear;

/// <summary>Least squares with an optional ridge term through the normal equations (book §2.3–2.5):
/// (XcᵀXc + αI)·w = Xcᵀyc on centred data, so the intercept ȳ − x̄ᵀw is never penalised. XᵀX and Xᵀy are engine
/// matmuls in float64; the d x d system is solved by Cholesky, or, when X is rank-deficient and α = 0, by the
/// minimum-norm pseudo-inverse (what lstsq returns).</summary>
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
        var (x, y) = (data.X, data.RequireTarget(model));
        var (n, d) = (x.Shape[0], x.Shape[1]);
        using var scope = new TensorScope();
        var xMean = fitIntercept ? x.Mean(0, keepDims: true) : Tensor.Zeros(new Shape(1, d), DType.Float64);
        var yMean = fitIntercept ? y.Mean() : Tensor.Zeros(new Shape(), DType.Float64);
        var xc = x - xMean;
        var yc = (y - yMean).Reshape(n, 1);
        var xt = xc.Transpose();
        var gram = xt.MatMul(xc).ToDoubleArray();
        var moment = xt.MatMul(yc).ToDoubleArray();
        if (!gram.All(double.IsFinite) || !moment.All(double.IsFinite))
            throw new DataException($"{data.Source}: values too large for {model}: XᵀX or Xᵀy overflows float64 (sums of products beyond 1.8e308); scale the columns");
        var a = new double[d, d];
        for (var i = 0; i < d; i++)
            for (var j = 0; j < d; j++) a[i, j] = gram[i * d + j] + (i == j ? alpha : 0);
        var coef = Cholesky.TrySolve(a, moment) ?? SymmetricEigen.PseudoInverseSolve(a, moment);
        var means = xMean.ToDoubleArray();
        var intercept = yMean.Item() - means.Select((m, i) => m * coef[i]).Sum();
        var residual = yc - xc.MatMul(Tensor.FromArray(coef, new Shape(d, 1)));
        return new Solution(coef, intercept, (residual * residual).Sum().Item());
    }
}
