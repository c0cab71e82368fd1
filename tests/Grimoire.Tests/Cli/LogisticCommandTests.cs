using System.Text.Json;

namespace Grimoire.Tests.Cli;

/// <summary>The CLI contract for logistic-regression: `fit --json` fields in scikit-learn's layout, and `predict`
/// with a saved model printing labels and per-class probabilities.</summary>
public sealed class LogisticCommandTests
{
    [TestCase("iris", "species", 3, 3)]
    [TestCase("breast_cancer", "malignant_0_benign_1", 2, 1)]
    public void FitJsonHasClassesCoefRowsInterceptsIterationsAndObjective(string data, string target, int classes, int rows)
    {
        var run = CliRun.Of("fit", "logistic-regression", "--data", data, "--target", target, "--set", "max_iter=5000", "--json");
        Assert.That(run.ExitCode, Is.Zero, run.Err);
        var json = JsonDocument.Parse(run.Out).RootElement;
        Assert.That(json.GetProperty("model").GetString(), Is.EqualTo("logistic-regression"));
        Assert.That(json.GetProperty("classes").EnumerateArray().Select(e => e.GetDouble()), Is.EqualTo(Enumerable.Range(0, classes).Select(c => (double)c)));
        var coef = json.GetProperty("coef");
        Assert.That(coef.GetArrayLength(), Is.EqualTo(rows));
        Assert.That(coef.EnumerateArray().Select(r => r.GetArrayLength()), Is.All.EqualTo(data == "iris" ? 4 : 30));
        Assert.That(json.GetProperty("intercept").GetArrayLength(), Is.EqualTo(rows));
        Assert.That(json.GetProperty("n_iter").GetInt32(), Is.Positive);
        Assert.That(json.GetProperty("objective").GetDouble(), Is.Positive);
    }

    [Test]
    public void PredictWithASavedModelPrintsLabelsAndProbabilities()
    {
        var path = Path.Combine(Path.GetTempPath(), $"grimoire-{Guid.NewGuid():N}.model");
        try
        {
            var fit = CliRun.Of("fit", "logistic-regression", "--data", "iris", "--target", "species", "--set", "C=10", "--set", "max_iter=1000", "--out", path, "--json");
            Assert.That(fit.ExitCode, Is.Zero, fit.Err);

            var predict = CliRun.Of("predict", "--model", path, "--data", "iris", "--json");
            Assert.That(predict.ExitCode, Is.Zero, predict.Err);
            var json = JsonDocument.Parse(predict.Out).RootElement;
            var labels = json.GetProperty("predictions").EnumerateArray().Select(e => e.GetDouble()).ToArray();
            var probabilities = json.GetProperty("probabilities").EnumerateArray().Select(r => r.EnumerateArray().Select(e => e.GetDouble()).ToArray()).ToArray();
            Assert.That(labels, Has.Length.EqualTo(150));
            Assert.That(probabilities, Has.Length.EqualTo(150));
            Assert.That(probabilities.Select(r => r.Length), Is.All.EqualTo(3));
            Assert.That(probabilities.Select(r => r.Sum()), Is.All.EqualTo(1).Within(1e-12));
            Assert.That(labels.Select((l, i) => (double)Array.IndexOf(probabilities[i], probabilities[i].Max())), Is.EqualTo(labels));
            // Iris is nearly separable: the training accuracy of this fit is 98% (147 of 150, as scikit-learn's).
            var truth = Enumerable.Range(0, 150).Select(i => (double)(i / 50));
            Assert.That(labels.Zip(truth).Count(p => p.First == p.Second), Is.GreaterThanOrEqualTo(145));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Test]
    public void ASingleClassTargetIsAOneLineError()
    {
        var data = Path.GetTempFileName();
        try
        {
            File.WriteAllText(data, "a,label\n1,3\n2,3\n");
            var run = CliRun.Of("fit", "logistic-regression", "--data", data, "--target", "label");
            Assert.That(run.ExitCode, Is.Not.Zero);
            Assert.That(run.Err.Trim(), Does.StartWith("error:").And.Contain("only the class 3"));
        }
        finally
        {
            File.Delete(data);
        }
    }
}
