using System.Numerics.Tensors;
using Grimoire.Ml.Data;

namespace Grimoire.Ml.Models.Linear;

/// <summary>Shared fit of <see cref="Lasso"/> and <see cref="ElasticNet"/>: minimises scikit-learn's
/// (1/2n)‖y − Xw − b‖² + αρ‖w‖₁ + ½α(1 − ρ)‖w‖². The intercept is left unpenalised by centring X and y (engine
/// ops), then b = ȳ − x̄ᵀw. The engine also makes the column-major copy and the column norms the solver needs, and
/// evaluates the objective on the original data; <see cref="CoordinateDescent"/> does the per-coordinate work.</summary>
internal static class ElasticNetFit
{
    public static LinearModel Fit(string model, Dataset data, CoordinateDescentRegressor o)
    {
        var x = data.X;
        var y = data.RequireTarget(model);
        var (n, d) = (x.Shape[0], x.Shape[1]);
        using var scope = new TensorScope();
        var xMean = o.FitIntercept ? x.Mean(0, keepDims: true) : Tensor.Zeros(new Shape(1, d), DType.Float64);
        var yMean = o.FitIntercept ? y.Mean().Item() : 0.0;
        var xc = x - xMean;
        var columns = xc.Transpose().ToDoubleArray();
        var squaredNorms = (xc * xc).Sum(0).ToDoubleArray();
        var target = (y - yMean).ToDoubleArray();
        var result = CoordinateDescent.Solve(columns, squaredNorms, target, n * o.Alpha * o.Ratio, n * o.Alpha * (1 - o.Ratio), o.MaxIter, o.Tol,
            o.Selection == Selection.Random ? new Random(o.RandomState) : null);
        var coef = result.Coef;
        var intercept = yMean - TensorPrimitives.Dot<double>(xMean.ToDoubleArray(), coef);
        var residual = y - x.MatMul(Tensor.FromArray(coef, new Shape(d, 1))).Reshape(n) - intercept;
        var objective = (residual * residual).Sum().Item() / (2.0 * n)
            + o.Alpha * o.Ratio * TensorPrimitives.SumOfMagnitudes<double>(coef)
            + 0.5 * o.Alpha * (1 - o.Ratio) * TensorPrimitives.Dot<double>(coef, coef);
        return new LinearModel(model, data.Features, coef, intercept, result.Epochs, objective);
    }
}
