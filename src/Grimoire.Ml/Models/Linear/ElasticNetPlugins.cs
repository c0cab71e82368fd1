using Grimoire.Ml.Data;

namespace Grimoire.Ml.Models.Linear;

/// <summary>The lasso (book §2.5) as scikit-learn's Lasso: minimises (1/2n)‖y − Xw − b‖² + α‖w‖₁ by coordinate
/// descent; the L1 penalty sets coefficients exactly to zero. Settings: alpha (1), fit_intercept, max_iter (1000),
/// tol (1e-4, a duality-gap bound relative to ‖y‖²/n), selection (cyclic or random), random_state.</summary>
public sealed class LassoPlugin : IModelPlugin
{
    public string Name => "lasso";

    public string BookSection => "§2.5";

    public string Task => "regression";

    public IFittedModel Fit(Dataset data, ModelSettings settings)
    {
        var options = ElasticNetFit.Options.Read(settings, l1Ratio: 1.0);
        settings.RejectUnread(Name);
        return ElasticNetFit.Fit(Name, data, options);
    }

    public IFittedModel Restore(ModelState state) => LinearModel.Restore(state);
}

/// <summary>The elastic net (book §2.5) as scikit-learn's ElasticNet: minimises (1/2n)‖y − Xw − b‖² + αρ‖w‖₁ +
/// ½α(1 − ρ)‖w‖², mixing the lasso's sparsity with ridge's stability among correlated features. Settings: alpha (1),
/// l1_ratio ρ (0.5, in [0, 1]), and the lasso's fit_intercept, max_iter, tol, selection, random_state.</summary>
public sealed class ElasticNetPlugin : IModelPlugin
{
    public string Name => "elastic-net";

    public string BookSection => "§2.5";

    public string Task => "regression";

    public IFittedModel Fit(Dataset data, ModelSettings settings)
    {
        var l1Ratio = settings.Double("l1_ratio", 0.5, min: 0, max: 1);
        var options = ElasticNetFit.Options.Read(settings, l1Ratio);
        settings.RejectUnread(Name);
        return ElasticNetFit.Fit(Name, data, options);
    }

    public IFittedModel Restore(ModelState state) => LinearModel.Restore(state);
}
