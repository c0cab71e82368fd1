using Grimoire.Ml.Models;
using Grimoire.Ml.Models.Clustering;
using Grimoire.Ml.Models.Linear;
using Grimoire.Ml.Models.Logistic;

namespace Grimoire.Tests.Ml.Estimators;

/// <summary>The typed estimators from plain arrays against the catalogue's string-settings path on the shipped data
/// sets: the same coefficients, centers, objectives, iteration counts and predictions, bit for bit.</summary>
public sealed class TypedVersusSettingsParityTests
{
    private sealed record Case(string Model, string[] Settings, Func<double[,], double[], IFittedModel> Typed, string[] Data);

    private static readonly string[] Regression = ["iris", "wine", "breast_cancer", "diabetes"];
    private static readonly string[] Classification = ["iris", "wine", "breast_cancer"];

    private static readonly Case[] Cases =
    [
        new("linear-regression", [], (x, y) => new LinearRegression().Fit(x, y), Regression),
        new("linear-regression", ["fit_intercept=false"], (x, y) => new LinearRegression { FitIntercept = false }.Fit(x, y), Regression),
        new("ridge", ["alpha=0.5"], (x, y) => new Ridge { Alpha = 0.5 }.Fit(x, y), Regression),
        new("ridge", ["alpha=3", "fit_intercept=false"], (x, y) => new Ridge { Alpha = 3, FitIntercept = false }.Fit(x, y), Regression),
        new("lasso", ["alpha=0.05"], (x, y) => new Lasso { Alpha = 0.05 }.Fit(x, y), Regression),
        new("lasso", ["alpha=0.2", "selection=random", "random_state=3", "tol=1e-6"], (x, y) => new Lasso { Alpha = 0.2, Selection = Selection.Random, RandomState = 3, Tol = 1e-6 }.Fit(x, y), Regression),
        new("elastic-net", ["alpha=0.1", "l1_ratio=0.3", "max_iter=50"], (x, y) => new ElasticNet { Alpha = 0.1, L1Ratio = 0.3, MaxIter = 50 }.Fit(x, y), Regression),
        new("logistic-regression", [], (x, y) => new LogisticRegression().Fit(x, y), Classification),
        new("logistic-regression", ["C=10", "multi_class=ovr", "tol=1e-6"], (x, y) => new LogisticRegression { C = 10, MultiClass = MultiClass.Ovr, Tol = 1e-6 }.Fit(x, y), Classification),
        new("logistic-regression", ["solver=gd", "learning_rate=0.05", "max_iter=40", "multi_class=multinomial"],
            (x, y) => new LogisticRegression { Solver = Solver.Gd, LearningRate = 0.05, MaxIter = 40, MultiClass = MultiClass.Multinomial }.Fit(x, y), Classification),
        new("kmeans", ["n_clusters=3"], (x, _) => new KMeans { NClusters = 3 }.Fit(x), Regression),
        new("kmeans", ["n_clusters=5", "init=random", "n_init=2", "random_state=7", "max_iter=20"],
            (x, _) => new KMeans { NClusters = 5, Init = KMeansInit.Random, NInit = 2, RandomState = 7, MaxIter = 20 }.Fit(x), Regression),
        new("kmedians", ["n_clusters=3", "init=first"], (x, _) => new KMedians { NClusters = 3, Init = KMeansInit.First }.Fit(x), Regression),
    ];

    public static IEnumerable<TestCaseData> Fits() =>
        Cases.SelectMany(c => c.Data.Select(data => new TestCaseData(c, data).SetName($"Typed {c.Model} [{string.Join(" ", c.Settings)}] on {data} matches --set")));

    [TestCaseSource(nameof(Fits))]
    public void TypedFitFromArraysIsTheSettingsFitBitForBit(object boxed, string name)
    {
        var c = (Case)boxed;
        using var data = SklearnParityTests.BuiltinWithTarget(name);
        var fromSettings = ModelCatalogue.Find(c.Model).Fit(data, new ModelSettings(c.Settings));
        var (x, y) = (ToMatrix(data.X.ToDoubleArray(), data.Rows), data.Y!.ToDoubleArray());
        var typed = c.Typed(x, y);
        FittedState.AssertIdentical(fromSettings, typed, $"{c.Model} on {name}");
        Assert.That(FittedState.Predict(typed, x), Is.EqualTo(fromSettings.Predict(data.X).Values), "predictions");
        if (typed is LogisticModel logistic)
        {
            var p = logistic.PredictProbabilities(x);
            var rows = fromSettings.Predict(data.X).Probabilities!;
            Assert.That(Enumerable.Range(0, rows.Length).All(i => Enumerable.Range(0, rows[i].Length).All(k => p[i, k] == rows[i][k])), "probabilities");
        }
    }

    private static double[,] ToMatrix(double[] values, int rows)
    {
        var columns = values.Length / rows;
        var x = new double[rows, columns];
        for (var i = 0; i < rows; i++)
            for (var j = 0; j < columns; j++) x[i, j] = values[i * columns + j];
        return x;
    }
}
