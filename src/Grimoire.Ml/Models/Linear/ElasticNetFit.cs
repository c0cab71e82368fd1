using Grimoire.Ml.Data;
using Grimoire.Ml.Kernels;
using Grimoire.Ml.Optimization;

namespace Grimoire.Ml.Models.Linear;

/// <summary>Shared fit of <see cref="Lasso"/> and <see cref="ElasticNet"/>: minimises scikit-learn's
/// (1/2n)‖y − Xw − b‖² + αρ‖w‖₁ + ½α(1 − ρ)‖w‖². The intercept is left unpenalised by centring X and y, then
/// b = ȳ − x̄ᵀw. The solver gets X centred either column-major with the column norms (<see cref="CentredColumns"/>,
/// one pass) or, with precompute, as the Gram matrix XcᵀXc and Xcᵀyc (<see cref="CrossProducts"/>); the objective
/// is evaluated on the centred rows in a last pass.</summary>
internal static class ElasticNetFit
{
    public static LinearModel Fit(string model, Dataset data, CoordinateDescentRegressor o)
    {
        var target = data.RequireTarget(model);
        using var x = new HostValues(data.X);
        using var y = new HostValues(target);
        var (n, d) = (x.Rows, x.Columns);
        var means = o.FitIntercept ? ColumnMoments.Means(x) : new double[d];
        var yMean = o.FitIntercept ? ColumnMoments.Means(y)[0] : 0.0;
        var (l1, l2) = (n * o.Alpha * o.Ratio, n * o.Alpha * (1 - o.Ratio));
        var random = o.Selection == Selection.Random ? new Random(o.RandomState) : null;
        CoordinateDescent.Result result;
        if (o.Precompute)
        {
            var products = CrossProducts.Compute(x, means, y, yMean);
            var yNorm2 = ColumnMoments.SquaredDeviations(y, [yMean])[0];
            result = CoordinateDescent.SolveGram(products.Gram, products.Moment!, yNorm2, l1, l2, o.MaxIter, o.Tol, random);
        }
        else
        {
            var centred = CentredColumns.Of(x, means);
            var yc = new double[n];
            for (var i = 0; i < n; i++) yc[i] = y.Span[i] - yMean;
            result = CoordinateDescent.Solve(centred.Columns, centred.SquaredNorms, yc, l1, l2, o.MaxIter, o.Tol, random);
        }
        var coef = result.Coef;
        var intercept = yMean - VectorOps.Dot(means, coef);
        var objective = ResidualSquares.Centred(x, means, y, yMean, coef) / (2.0 * n)
            + o.Alpha * o.Ratio * Vectors.SumAbs(coef)
            + 0.5 * o.Alpha * (1 - o.Ratio) * VectorOps.Dot(coef, coef);
        return new LinearModel(model, data.Features, coef, intercept, result.Epochs, objective);
    }
}
