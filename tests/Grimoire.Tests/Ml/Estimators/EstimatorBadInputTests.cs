using Grimoire.Ml;
using Grimoire.Ml.Models;
using Grimoire.Ml.Models.Clustering;
using Grimoire.Ml.Models.Linear;
using Grimoire.Ml.Models.Logistic;

namespace Grimoire.Tests.Ml.Estimators;

/// <summary>Misuse of the typed estimators: an option out of range is a <see cref="ModelException"/> naming the
/// property, its setting and the range; wrong shapes are <see cref="ShapeException"/>s naming the shapes; non-finite
/// values are <see cref="DataException"/>s naming the row and column; integer tensors are <see cref="DTypeException"/>s.</summary>
public sealed class EstimatorBadInputTests
{
    private static readonly double[,] X = { { 1, 2 }, { 3, 5 }, { 4, 4 }, { 0, 1 } };
    private static readonly double[] Y = [1, 0, 1, 0];

    private static IEnumerable<TestCaseData> OutOfRange()
    {
        TestCaseData Case(Func<IFittedModel> fit, string expected) => new TestCaseData(fit, expected).SetName($"Option error: {expected}");
        yield return Case(() => new Ridge { Alpha = -1 }.Fit(X, Y), "Ridge.Alpha (setting 'alpha') must be >= 0, got -1");
        yield return Case(() => new Ridge { Alpha = double.NaN }.Fit(X, Y), "Ridge.Alpha (setting 'alpha') must be a finite number, got NaN");
        yield return Case(() => new Lasso { MaxIter = 0 }.Fit(X, Y), "Lasso.MaxIter (setting 'max_iter') must be between 1 and 2147483647, got 0");
        yield return Case(() => new Lasso { Tol = -1e-3 }.Fit(X, Y), "Lasso.Tol (setting 'tol') must be >= 0, got -0.001");
        yield return Case(() => new Lasso { Selection = (Selection)7 }.Fit(X, Y), "Lasso.Selection (setting 'selection') must be one of cyclic, random");
        yield return Case(() => new ElasticNet { L1Ratio = 1.5 }.Fit(X, Y), "ElasticNet.L1Ratio (setting 'l1_ratio') must be >= 0 and <= 1, got 1.5");
        yield return Case(() => new ElasticNet { RandomState = -2 }.Fit(X, Y), "ElasticNet.RandomState (setting 'random_state') must be between 0 and");
        yield return Case(() => new LogisticRegression { C = 0 }.Fit(X, Y), "LogisticRegression.C (setting 'C') must be > 0, got 0");
        yield return Case(() => new LogisticRegression { Solver = Solver.Gd, LearningRate = double.PositiveInfinity }.Fit(X, Y), "LogisticRegression.LearningRate (setting 'learning_rate') must be a finite number");
        yield return Case(() => new KMeans { NClusters = 0 }.Fit(X), "KMeans.NClusters (setting 'n_clusters') must be between 1 and");
        yield return Case(() => new KMeans { NInit = 1001 }.Fit(X), "KMeans.NInit (setting 'n_init') must be between 1 and 1000, got 1001");
        yield return Case(() => new KMedians { NClusters = 5 }.Fit(X), "n_clusters=5 is more than the 4 rows of input x [4, 2]");
    }

    [TestCaseSource(nameof(OutOfRange))]
    public void OptionsOutOfRangeNameThePropertyAndSetting(Func<IFittedModel> fit, string expected) =>
        Assert.That(() => fit(), Throws.TypeOf<ModelException>().With.Message.Contain(expected));

    private static IEnumerable<TestCaseData> BadData()
    {
        TestCaseData Case(Action act, Type type, string expected) => new TestCaseData(act, type, expected).SetName($"Input error: {expected}");
        yield return Case(() => new Ridge().Fit(X, new double[] { 1, 2, 3 }), typeof(ShapeException), "x has shape [4, 2] but y has shape [3]");
        yield return Case(() => new Ridge().Fit(new double[0, 3], Array.Empty<double>()), typeof(ShapeException), "at least one row and one column, got shape [0, 3]");
        yield return Case(() => new Ridge().Fit(new[] { new double[] { 1, 2 }, [3] }, new double[] { 1, 2 }), typeof(ShapeException), "row 1 has 1 values, row 0 has 2");
        yield return Case(() => new Ridge().Fit(new InputMatrix(new double[] { 1, 2, 3 }, 2), new double[] { 1, 2 }), typeof(ShapeException), "3 values do not split into 2 rows");
        yield return Case(() => new Ridge().Fit(new double[,] { { 1 }, { double.NaN } }, new double[] { 1, 2 }), typeof(DataException), "x holds NaN at row 1, column 0");
        yield return Case(() => new Ridge().Fit(X, new double[] { 1, 2, double.PositiveInfinity, 0 }), typeof(DataException), "y holds Infinity at index 2");
        yield return Case(() => new KMeans().Fit(Tensor.FromArray(new[] { 1, 2, 3, 4 }, new Shape(2, 2))), typeof(DTypeException), "x must be a floating tensor (f32 or f64), got i32");
        yield return Case(() => new KMeans().Fit(Tensor.Zeros(new Shape(2, 2, 2), DType.Float32)), typeof(ShapeException), "x must be a matrix [rows, columns], got shape [2, 2, 2]");
        yield return Case(() => new Ridge().Fit(X, Tensor.Zeros(new Shape(4, 2), DType.Float64)), typeof(ShapeException), "y must be a vector [n] or a column [n, 1], got shape [4, 2]");
        yield return Case(() => new Ridge().Fit(X, Y).Predict(new double[,] { { 1, 2, 3 } }), typeof(ShapeException), "x has shape [1, 3] but the model was fitted on 2 features (x0, x1); expected [1, 2]");
        yield return Case(() => new LogisticRegression().Fit(X, Y).PredictProbabilities(new double[,] { { 1 } }), typeof(ShapeException), "x has shape [1, 1] but the model was fitted on 2 features");
        yield return Case(() => new KMeans { NClusters = 2 }.Fit(X).Predict(new float[,] { { 1 } }), typeof(ShapeException), "fitted on 2 features");
        yield return Case(() => new LogisticRegression().Fit(X, new double[] { 1, 1, 1, 1 }), typeof(ModelException), "needs at least two classes in the target 'y'");
        yield return Case(() => new Ridge().Fit((double[,])null!, Y), typeof(ArgumentNullException), "x");
    }

    [TestCaseSource(nameof(BadData))]
    public void BadInputIsATypedErrorNamingTheProblem(Action act, Type type, string expected) =>
        Assert.That(() => act(), Throws.TypeOf(type).With.Message.Contain(expected));
}
