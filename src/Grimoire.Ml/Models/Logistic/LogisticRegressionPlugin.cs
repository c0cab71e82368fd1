using Grimoire.Ml.Data;
using Grimoire.Ml.Optimization;

namespace Grimoire.Ml.Models.Logistic;

/// <summary>Logistic regression (book §3) with scikit-learn's L2 objective: minimises C·Σᵢ log loss + ½‖W‖², the
/// intercept unpenalised. Two classes fit one binary problem; more fit either one softmax over all classes
/// (multi_class=multinomial, what auto picks) or one binary problem per class against the rest (ovr).
/// Settings: C (1, > 0), fit_intercept (true), max_iter (100), tol (1e-4, on max |∂f/∂θᵢ|), multi_class
/// (auto|ovr|multinomial), solver (lbfgs|gd) and, for gd, learning_rate (0.1).</summary>
public sealed class LogisticRegressionPlugin : IModelPlugin
{
    public string Name => "logistic-regression";

    public string BookSection => "§3";

    public string Task => "classification";

    public IFittedModel Fit(Dataset data, ModelSettings settings)
    {
        var c = settings.Double("C", 1.0, min: 0, exclusiveMin: true);
        var fitIntercept = settings.Bool("fit_intercept", true);
        var maxIter = settings.Int("max_iter", 100, min: 1);
        var tol = settings.Double("tol", 1e-4, min: 0);
        var multiClass = settings.Choice("multi_class", "auto", "auto", "ovr", "multinomial");
        var solver = settings.Choice("solver", "lbfgs", "lbfgs", "gd");
        // The step is taken on f/(C·n), the mean log loss plus its share of the penalty, so one learning rate suits
        // any number of rows and any C; the minimiser is the same.
        var learningRate = solver == "gd" ? settings.Double("learning_rate", 0.1, min: 0, exclusiveMin: true) : 0;
        settings.RejectUnread(Name);

        var labels = ClassLabels.Of(data.RequireTarget(Name).ToDoubleArray(), Name, data.TargetName);
        var k = labels.Classes.Length;
        var multinomial = multiClass == "multinomial" || (multiClass == "auto" && k > 2);
        Minimum Minimise(LogisticLoss loss) => solver == "gd"
            ? GradientDescent.Minimise(loss.Function, new double[loss.Size], maxIter, tol, learningRate / (c * data.Rows))
            : Lbfgs.Minimise(loss.Function, new double[loss.Size], maxIter, tol);

        if (multinomial)
        {
            using var loss = LogisticLoss.Multinomial(data.X, labels.Indices, k, c, fitIntercept);
            var m = Minimise(loss);
            var (coef, intercept) = Unpack(m.Point, data.Features.Count, k, fitIntercept);
            // scikit-learn keeps only the second class's row for two classes; the logits [−z, z] then reproduce the
            // fitted softmax: the penalty makes the coef rows opposite at the optimum, and the intercepts, whose
            // gradients sum to zero over the classes, stay opposite from the zero start.
            if (k == 2) (coef, intercept) = ([coef[1]], [intercept[1]]);
            return new LogisticModel(Name, data.Features, labels.Classes, coef, intercept, true, m.Iterations, m.Value);
        }

        var problems = k == 2 ? [1] : Enumerable.Range(0, k).ToArray();
        var fits = problems.Select(positive =>
        {
            using var loss = LogisticLoss.Binary(data.X, labels.Indicator(positive), c, fitIntercept);
            var m = Minimise(loss);
            var (coef, intercept) = Unpack(m.Point, data.Features.Count, 1, fitIntercept);
            return (Coef: coef[0], Intercept: intercept[0], m.Iterations, m.Value);
        }).ToArray();
        return new LogisticModel(Name, data.Features, labels.Classes, [.. fits.Select(f => f.Coef)], [.. fits.Select(f => f.Intercept)], false,
            fits.Max(f => f.Iterations), fits.Sum(f => f.Value));
    }

    public IFittedModel Restore(ModelState state) => LogisticModel.Restore(state);

    /// <summary>Splits the parameter vector (W [d, k] row-major, then b [k]) into per-class coef rows and intercepts.</summary>
    private static (double[][] Coef, double[] Intercept) Unpack(double[] parameters, int d, int k, bool fitIntercept)
    {
        var coef = Enumerable.Range(0, k).Select(c => Enumerable.Range(0, d).Select(j => parameters[j * k + c]).ToArray()).ToArray();
        var intercept = Enumerable.Range(0, k).Select(c => fitIntercept ? parameters[d * k + c] : 0).ToArray();
        return (coef, intercept);
    }
}
