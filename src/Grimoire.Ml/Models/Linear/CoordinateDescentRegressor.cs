using Grimoire.Ml.Data;
using Grimoire.Ml.Kernels;
using Grimoire.Ml.Models.Settings;

namespace Grimoire.Ml.Models.Linear;

/// <summary>How coordinate descent visits the coefficients in an epoch.</summary>
public enum Selection
{
    /// <summary>Each coefficient in turn.</summary>
    Cyclic,

    /// <summary>A coefficient drawn at random for each step (seeded by random_state).</summary>
    Random,
}

/// <summary>The settings <see cref="Lasso"/> and <see cref="ElasticNet"/> share, with scikit-learn's names and
/// defaults, and their fit by coordinate descent (<see cref="ElasticNetFit"/>).</summary>
[UsesKernels(typeof(ColumnMoments), typeof(CrossProducts), typeof(CentredColumns), typeof(ResidualSquares), typeof(VectorOps))]
public abstract class CoordinateDescentRegressor : SupervisedEstimator<LinearModel>
{
    /// <summary>The penalty weight α ≥ 0 (1).</summary>
    [Setting("alpha", Doc = "penalty weight", Minimum = 0)]
    public double Alpha { get; init; } = 1.0;

    /// <summary>Fit an unpenalised intercept (true).</summary>
    [Setting("fit_intercept", Doc = "fit an unpenalised intercept (else the fit goes through the origin)")]
    public bool FitIntercept { get; init; } = true;

    /// <summary>The most coordinate-descent epochs, ≥ 1 (1000).</summary>
    [Setting("max_iter", Doc = "most coordinate-descent epochs", Minimum = 1)]
    public int MaxIter { get; init; } = 1000;

    /// <summary>Stop once the duality gap is below tol·‖y‖²/n, ≥ 0 (1e-4).</summary>
    [Setting("tol", Doc = "duality-gap bound relative to ||y||^2/n", Minimum = 0)]
    public double Tol { get; init; } = 1e-4;

    /// <summary>Cyclic (default) or random coordinate order.</summary>
    [Setting("selection", Doc = "coordinate order per epoch")]
    public Selection Selection { get; init; } = Selection.Cyclic;

    /// <summary>Seed of the random order, ≥ 0 (0). scikit-learn draws an unseeded order when random_state is absent;
    /// a fixed default keeps fits repeatable.</summary>
    [Setting("random_state", Doc = "seed of the random coordinate order", Minimum = 0)]
    public int RandomState { get; init; } = 0;

    /// <summary>Solve from the Gram matrix XᵀX (false): one pass over X forms it, then an epoch costs d² instead of
    /// n·d, which pays when n ≫ d and many epochs run; as scikit-learn's precompute=True.</summary>
    [Setting("precompute", Doc = "solve from the Gram matrix X^T X (pays when rows >> features and epochs are many)")]
    public bool Precompute { get; init; }

    /// <summary>ρ, the L1 share of the penalty.</summary>
    internal abstract double Ratio { get; }

    internal abstract string Name { get; }

    /// <inheritdoc/>
    public override LinearModel Fit(Dataset data)
    {
        EstimatorSettings.Validate(this);
        return ElasticNetFit.Fit(Name, data, this);
    }
}

/// <summary>The lasso (book §2.5) as scikit-learn's Lasso: minimises (1/2n)‖y − Xw − b‖² + α‖w‖₁ by coordinate
/// descent; the L1 penalty sets coefficients exactly to zero. <c>new Lasso { Alpha = 0.1 }.Fit(x, y)</c>.</summary>
public sealed class Lasso : CoordinateDescentRegressor, IEstimator<LinearModel>
{
    /// <inheritdoc/>
    public static string ModelName => "lasso";

    internal override double Ratio => 1.0;

    internal override string Name => ModelName;
}

/// <summary>The elastic net (book §2.5) as scikit-learn's ElasticNet: minimises (1/2n)‖y − Xw − b‖² + αρ‖w‖₁ +
/// ½α(1 − ρ)‖w‖², mixing the lasso's sparsity with ridge's stability among correlated features.</summary>
public sealed class ElasticNet : CoordinateDescentRegressor, IEstimator<LinearModel>
{
    /// <inheritdoc/>
    public static string ModelName => "elastic-net";

    /// <summary>ρ in [0, 1] (0.5): the L1 share of the penalty; 1 is the lasso, 0 a ridge-like penalty.</summary>
    [Setting("l1_ratio", Doc = "L1 share rho of the penalty", Minimum = 0, Maximum = 1)]
    public double L1Ratio { get; init; } = 0.5;

    internal override double Ratio => L1Ratio;

    internal override string Name => ModelName;
}
