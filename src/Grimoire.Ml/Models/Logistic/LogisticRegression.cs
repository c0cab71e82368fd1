using Grimoire.Ml.Data;
using Grimoire.Ml.Kernels;
using Grimoire.Ml.Models.Settings;
using Grimoire.Ml.Optimization;

namespace Grimoire.Ml.Models.Logistic;

/// <summary>How more than two classes are fitted.</summary>
public enum MultiClass
{
    /// <summary>Multinomial for more than two classes, one binary problem for two (scikit-learn's auto).</summary>
    Auto,

    /// <summary>One binary problem per class against the rest.</summary>
    Ovr,

    /// <summary>One softmax over all classes.</summary>
    Multinomial,
}

/// <summary>The minimiser of the logistic objective.</summary>
public enum Solver
{
    /// <summary>Limited-memory BFGS with a Wolfe line search.</summary>
    Lbfgs,

    /// <summary>Plain gradient descent with a fixed learning rate (the book's method).</summary>
    Gd,
}

/// <summary>Logistic regression (book §3) with scikit-learn's L2 objective: minimises C·Σᵢ log loss + ½‖W‖², the
/// intercept unpenalised. Two classes fit one binary problem; more fit either one softmax over all classes
/// (multinomial, what auto picks) or one binary problem per class against the rest (ovr). Class labels may be any
/// numbers. <c>new LogisticRegression { C = 10 }.Fit(x, y).PredictProbabilities(x)</c>.</summary>
[UsesKernels(typeof(LogisticPass))]
public sealed class LogisticRegression : SupervisedEstimator<LogisticModel>, IEstimator<LogisticModel>
{
    /// <inheritdoc/>
    public static string ModelName => "logistic-regression";

    /// <summary>Inverse regularisation strength, &gt; 0 (1): larger C fits the data more closely.</summary>
    [Setting("C", Doc = "inverse regularisation strength", Minimum = 0, ExclusiveMinimum = true)]
    public double C { get; init; } = 1.0;

    /// <summary>Fit an unpenalised intercept per class (true).</summary>
    [Setting("fit_intercept", Doc = "fit an unpenalised intercept per class")]
    public bool FitIntercept { get; init; } = true;

    /// <summary>The most solver iterations, ≥ 1 (100).</summary>
    [Setting("max_iter", Doc = "most solver iterations", Minimum = 1)]
    public int MaxIter { get; init; } = 100;

    /// <summary>Stop once max |∂f/∂θᵢ| is below tol, ≥ 0 (1e-4).</summary>
    [Setting("tol", Doc = "bound on the largest gradient component", Minimum = 0)]
    public double Tol { get; init; } = 1e-4;

    /// <summary>auto (default), ovr or multinomial.</summary>
    [Setting("multi_class", Doc = "how more than two classes are fitted")]
    public MultiClass MultiClass { get; init; } = MultiClass.Auto;

    /// <summary>lbfgs (default) or gd.</summary>
    [Setting("solver", Doc = "minimiser")]
    public Solver Solver { get; init; } = Solver.Lbfgs;

    /// <summary>The gradient-descent step, &gt; 0 (0.1), used only with <see cref="Solver.Gd"/>. It is taken on f/(C·n),
    /// the mean log loss plus its share of the penalty, so one learning rate suits any number of rows and any C; the
    /// minimiser is the same.</summary>
    [Setting("learning_rate", Doc = "gradient-descent step on the mean loss", Minimum = 0, ExclusiveMinimum = true, OnlyWith = "solver=gd")]
    public double LearningRate { get; init; } = 0.1;

    /// <inheritdoc/>
    /// <exception cref="ModelException">a setting is out of range, or the target holds fewer than two classes.</exception>
    /// <exception cref="DataException">the data has no target.</exception>
    public override LogisticModel Fit(Dataset data)
    {
        EstimatorSettings.Validate(this);
        var labels = ClassLabels.Of(data.RequireTarget(ModelName).ToDoubleArray(), ModelName, data.TargetName);
        var k = labels.Classes.Length;
        var multinomial = MultiClass == MultiClass.Multinomial || (MultiClass == MultiClass.Auto && k > 2);
        Minimum Minimise(LogisticLoss loss) => Solver == Solver.Gd
            ? GradientDescent.Minimise(loss.Function, new double[loss.Size], MaxIter, Tol, LearningRate / (C * data.Rows))
            : Lbfgs.Minimise(loss.Function, new double[loss.Size], MaxIter, Tol);

        if (multinomial)
        {
            using var loss = LogisticLoss.Multinomial(data.X, labels.Indices, k, C, FitIntercept);
            var m = Minimise(loss);
            var (coef, intercept) = Unpack(m.Point, data.Features.Count, k, FitIntercept);
            // scikit-learn keeps only the second class's row for two classes; the logits [−z, z] then reproduce the
            // fitted softmax: the penalty makes the coef rows opposite at the optimum, and the intercepts, whose
            // gradients sum to zero over the classes, stay opposite from the zero start.
            if (k == 2) (coef, intercept) = ([coef[1]], [intercept[1]]);
            return new LogisticModel(ModelName, data.Features, labels.Classes, coef, intercept, true, m.Iterations, m.Value);
        }

        var problems = k == 2 ? [1] : Enumerable.Range(0, k).ToArray();
        var fits = problems.Select(positive =>
        {
            using var loss = LogisticLoss.Binary(data.X, labels.Indicator(positive), C, FitIntercept);
            var m = Minimise(loss);
            var (coef, intercept) = Unpack(m.Point, data.Features.Count, 1, FitIntercept);
            return (Coef: coef[0], Intercept: intercept[0], m.Iterations, m.Value);
        }).ToArray();
        return new LogisticModel(ModelName, data.Features, labels.Classes, [.. fits.Select(f => f.Coef)], [.. fits.Select(f => f.Intercept)], false,
            fits.Max(f => f.Iterations), fits.Sum(f => f.Value));
    }

    /// <summary>Splits the parameter vector (W [d, k] row-major, then b [k]) into per-class coef rows and intercepts.</summary>
    private static (double[][] Coef, double[] Intercept) Unpack(double[] parameters, int d, int k, bool fitIntercept)
    {
        var coef = Enumerable.Range(0, k).Select(c => Enumerable.Range(0, d).Select(j => parameters[j * k + c]).ToArray()).ToArray();
        var intercept = Enumerable.Range(0, k).Select(c => fitIntercept ? parameters[d * k + c] : 0).ToArray();
        return (coef, intercept);
    }
}
