using Grimoire.Ml.Data;

namespace Grimoire.Ml.Models.Linear;

/// <summary>Ordinary least squares (book §2.1–2.4), simple or multiple. Objective: the residual sum of squares
/// ‖y − Xw − b‖² (the SSE of §2.2). Settings: fit_intercept.</summary>
public sealed class LinearRegressionPlugin : IModelPlugin
{
    public string Name => "linear-regression";

    public string BookSection => "§2.1–2.4";

    public string Task => "regression";

    public IFittedModel Fit(Dataset data, ModelSettings settings)
    {
        var fitIntercept = settings.Bool("fit_intercept", true);
        settings.RejectUnread(Name);
        var s = NormalEquations.Solve(data, Name, 0, fitIntercept);
        return new LinearModel(Name, data.Features, s.Coef, s.Intercept, 1, s.ResidualSumOfSquares);
    }

    public IFittedModel Restore(ModelState state) => LinearModel.Restore(state);
}

/// <summary>Ridge regression in closed form (book §2.5, with the standard squared penalty, see docs): minimises
/// ‖y − Xw − b‖² + α‖w‖² as scikit-learn's Ridge; the intercept is not penalised. Settings: alpha (default 1),
/// fit_intercept.</summary>
public sealed class RidgePlugin : IModelPlugin
{
    public string Name => "ridge";

    public string BookSection => "§2.5";

    public string Task => "regression";

    public IFittedModel Fit(Dataset data, ModelSettings settings)
    {
        var alpha = settings.Double("alpha", 1.0, min: 0);
        var fitIntercept = settings.Bool("fit_intercept", true);
        settings.RejectUnread(Name);
        var s = NormalEquations.Solve(data, Name, alpha, fitIntercept);
        return new LinearModel(Name, data.Features, s.Coef, s.Intercept, 1, s.ResidualSumOfSquares + alpha * s.Coef.Sum(c => c * c));
    }

    public IFittedModel Restore(ModelState state) => LinearModel.Restore(state);
}
