using Grimoire.Ml.Data;
using Grimoire.Ml.Kernels;
using Grimoire.Ml.Models.Settings;

namespace Grimoire.Ml.Models.Linear;

/// <summary>Ordinary least squares (book §2.1–2.4), simple or multiple, as scikit-learn's LinearRegression:
/// <c>new LinearRegression().Fit(x, y).Predict(x)</c>. The reported objective is the residual sum of squares
/// ‖y − Xw − b‖² (the SSE of §2.2).</summary>
[UsesKernels(typeof(ColumnMoments), typeof(CrossProducts), typeof(ResidualSquares))]
public sealed class LinearRegression : SupervisedEstimator<LinearModel>, IEstimator<LinearModel>
{
    /// <inheritdoc/>
    public static string ModelName => "linear-regression";

    /// <summary>Fit an intercept b (true), or force the fit through the origin.</summary>
    [Setting("fit_intercept", Doc = "fit an intercept (else the fit goes through the origin)")]
    public bool FitIntercept { get; init; } = true;

    /// <inheritdoc/>
    public override LinearModel Fit(Dataset data)
    {
        EstimatorSettings.Validate(this);
        var s = NormalEquations.Solve(data, ModelName, 0, FitIntercept);
        return new LinearModel(ModelName, data.Features, s.Coef, s.Intercept, 1, s.ResidualSumOfSquares);
    }
}

/// <summary>Ridge regression in closed form (book §2.5, with the standard squared penalty, see docs) as
/// scikit-learn's Ridge: minimises ‖y − Xw − b‖² + α‖w‖², the intercept not penalised, and reports that as the
/// objective. <c>new Ridge { Alpha = 0.5 }.Fit(x, y)</c>.</summary>
[UsesKernels(typeof(ColumnMoments), typeof(CrossProducts), typeof(ResidualSquares))]
public sealed class Ridge : SupervisedEstimator<LinearModel>, IEstimator<LinearModel>
{
    /// <inheritdoc/>
    public static string ModelName => "ridge";

    /// <summary>The penalty weight α ≥ 0 (1); 0 gives ordinary least squares.</summary>
    [Setting("alpha", Doc = "penalty weight on ||w||^2", Minimum = 0)]
    public double Alpha { get; init; } = 1.0;

    /// <inheritdoc cref="LinearRegression.FitIntercept"/>
    [Setting("fit_intercept", Doc = "fit an unpenalised intercept (else the fit goes through the origin)")]
    public bool FitIntercept { get; init; } = true;

    /// <inheritdoc/>
    public override LinearModel Fit(Dataset data)
    {
        EstimatorSettings.Validate(this);
        var s = NormalEquations.Solve(data, ModelName, Alpha, FitIntercept);
        return new LinearModel(ModelName, data.Features, s.Coef, s.Intercept, 1, s.ResidualSumOfSquares + Alpha * s.Coef.Sum(c => c * c));
    }
}
