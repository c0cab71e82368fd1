using System.Text.Json;
using Grimoire.Ml.Models;

namespace Grimoire.Tests.Cli;

/// <summary>The stable CLI contract of `models`, `fit` and `predict` (README): JSON shapes, saved models, and
/// one-line errors with a non-zero exit for bad input.</summary>
public sealed class ModelCommandTests
{
    [Test]
    public void ModelsListsEveryFamilyWithSectionsAndMetrics()
    {
        var run = CliRun.Of("models");
        Assert.That(run.ExitCode, Is.Zero, run.Err);
        foreach (var m in ModelCatalogue.All)
            Assert.That(run.OutLines, Has.Some.Match($"^{m.Name} +{m.Family} +{m.BookSection} +{System.Text.RegularExpressions.Regex.Escape(m.Task)} +{m.Metric} "));
    }

    [Test]
    public void ModelsSettingsListsEveryKeyWithItsDefault()
    {
        var run = CliRun.Of("models", "--settings");
        Assert.That(run.ExitCode, Is.Zero, run.Err);
        foreach (var m in ModelCatalogue.All)
            foreach (var s in m.Settings)
                Assert.That(run.OutLines, Has.Some.Match($"^{m.Name} +{s.Name} +{System.Text.RegularExpressions.Regex.Escape(s.Format(s.Default))} "), $"{m.Name} {s.Name}");
    }

    [Test]
    public void ModelsJsonGivesEachModelsSettingsSchema()
    {
        var run = CliRun.Of("models", "--json");
        Assert.That(run.ExitCode, Is.Zero, run.Err);
        var models = JsonDocument.Parse(run.Out).RootElement.GetProperty("models").EnumerateArray().ToList();
        Assert.That(models.Select(m => m.GetProperty("model").GetString()), Is.EqualTo(ModelCatalogue.All.Select(m => m.Name)));
        var ridge = models.Single(m => m.GetProperty("model").GetString() == "ridge").GetProperty("settings");
        Assert.That(ridge.GetProperty("properties").GetProperty("alpha").GetProperty("minimum").GetDouble(), Is.Zero);
        Assert.That(ridge.GetProperty("properties").GetProperty("alpha").GetProperty("default").GetDouble(), Is.EqualTo(1));
    }

    [TestCase("ridge")]
    [TestCase("lasso")]
    [TestCase("elastic-net")]
    public void FitJsonOfALinearModelHasTheContractFields(string model)
    {
        var run = CliRun.Of("fit", model, "--data", "diabetes", "--target", "progression", "--set", "alpha=0.5", "--json");
        Assert.That(run.ExitCode, Is.Zero, run.Err);
        var json = JsonDocument.Parse(run.Out).RootElement;
        Assert.That(json.GetProperty("model").GetString(), Is.EqualTo(model));
        Assert.That(json.GetProperty("coef").GetArrayLength(), Is.EqualTo(10));
        foreach (var field in new[] { "intercept", "n_iter", "objective" }) Assert.That(json.TryGetProperty(field, out _), field);
    }

    [Test]
    public void FitThenPredictWithASavedClusteringModel()
    {
        var path = Path.Combine(Path.GetTempPath(), $"grimoire-{Guid.NewGuid():N}.model");
        try
        {
            var fit = CliRun.Of("fit", "kmeans", "--data", "iris", "--target", "species", "--set", "n_clusters=3", "--set", "init=first", "--out", path, "--json");
            Assert.That(fit.ExitCode, Is.Zero, fit.Err);
            var json = JsonDocument.Parse(fit.Out).RootElement;
            Assert.That(json.GetProperty("centers").GetArrayLength(), Is.EqualTo(3));
            Assert.That(json.GetProperty("inertia").GetDouble(), Is.GreaterThan(0));

            var predict = CliRun.Of("predict", "--model", path, "--data", "iris", "--json");
            Assert.That(predict.ExitCode, Is.Zero, predict.Err);
            var labels = JsonDocument.Parse(predict.Out).RootElement.GetProperty("predictions").EnumerateArray().Select(e => e.GetDouble()).ToList();
            Assert.That(labels, Has.Count.EqualTo(150));
            Assert.That(labels, Is.All.AnyOf(0.0, 1.0, 2.0));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [TestCase(new[] { "fit", "lasso-typo", "--data", "iris" }, "unknown model 'lasso-typo'")]
    [TestCase(new[] { "fit", "ridge", "--data", "iris", "--target", "nope" }, "no column 'nope'")]
    [TestCase(new[] { "fit", "ridge", "--data", "iris" }, "needs a target column")]
    [TestCase(new[] { "fit", "ridge", "--data", "iris", "--target", "species", "--set", "alfa=1" }, "unknown setting 'alfa'")]
    [TestCase(new[] { "fit", "ridge", "--data", "iris", "--target", "species", "--set", "alpha=-1" }, "'alpha' must be >= 0")]
    [TestCase(new[] { "fit", "ridge", "--data", "iris", "--target", "species", "--set", "alpha" }, "key=value")]
    [TestCase(new[] { "fit", "elastic-net", "--data", "iris", "--target", "species", "--set", "l1_ratio=1.5" }, "'l1_ratio' must be >= 0 and <= 1")]
    [TestCase(new[] { "fit", "lasso", "--data", "iris", "--target", "species", "--set", "l1_ratio=0.5" }, "unknown setting 'l1_ratio' for lasso")]
    [TestCase(new[] { "fit", "lasso", "--data", "iris", "--target", "species", "--set", "selection=shuffle" }, "'selection' must be one of cyclic, random")]
    [TestCase(new[] { "fit", "lasso", "--data", "iris", "--target", "species", "--set", "max_iter=0" }, "'max_iter' must be between 1")]
    [TestCase(new[] { "fit", "kmeans", "--data", "iris", "--set", "n_clusters=151" }, "n_clusters=151 is more than the 150 rows")]
    [TestCase(new[] { "fit", "kmeans", "--data", "/no/such.csv" }, "not found")]
    [TestCase(new[] { "predict", "--model", "/no/such.model", "--data", "iris" }, "not found")]
    public void BadInputIsAOneLineErrorWithNonZeroExit(string[] args, string expected)
    {
        var run = CliRun.Of(args);
        Assert.That(run.ExitCode, Is.Not.Zero);
        Assert.That(run.Err.Trim(), Does.StartWith("error:").And.Contain(expected));
        Assert.That(run.Err.Trim().Split('\n'), Has.Length.EqualTo(1));
    }

    /// <summary>Corruptions that once crashed `predict` or made it print garbage with exit 0.</summary>
    private static readonly Func<byte[], byte[]>[] Corruptions =
    [
        bytes => [.. BitConverter.GetBytes(BitConverter.ToUInt64(bytes) - 1), .. bytes[8..]], // header length one short
        bytes => Replace(bytes, "\"n_iter\":\"[0-9]+\"", "\"n_iter\":\"a\""),
        bytes => Replace(bytes, "\"features\":\"\\[", "\"features\":\"5"),
        bytes => Replace(bytes, "\"shape\":\\[3,4\\]", "\"shape\":[4,3]"),
        bytes => bytes[..^1],
        bytes => [.. bytes, 0],
    ];

    private static byte[] Replace(byte[] bytes, string pattern, string replacement)
    {
        var text = System.Text.Encoding.Latin1.GetString(bytes);
        Assert.That(text, Does.Match(pattern));
        return System.Text.Encoding.Latin1.GetBytes(System.Text.RegularExpressions.Regex.Replace(text, pattern, replacement));
    }

    [Test]
    public void PredictOnACorruptModelFileIsAOneLineErrorNamingTheFile([Range(0, 5)] int corruption)
    {
        var path = Path.Combine(Path.GetTempPath(), $"grimoire-{Guid.NewGuid():N}.model");
        try
        {
            var fit = CliRun.Of("fit", "kmeans", "--data", "iris", "--target", "species", "--set", "n_clusters=3", "--set", "init=first", "--set", "max_iter=3", "--out", path, "--json");
            Assert.That(fit.ExitCode, Is.Zero, fit.Err);
            File.WriteAllBytes(path, Corruptions[corruption](File.ReadAllBytes(path)));
            var run = CliRun.Of("predict", "--model", path, "--data", "iris");
            Assert.That(run.ExitCode, Is.Not.Zero, run.Out);
            Assert.That(run.Err.Trim().Split('\n'), Has.Length.EqualTo(1));
            Assert.That(run.Err, Does.StartWith("error: ").And.Contain(path));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Test]
    public void PredictNamesAFeatureColumnTheDataLacks()
    {
        var (model, data) = (Path.GetTempFileName(), Path.GetTempFileName());
        try
        {
            Assert.That(CliRun.Of("fit", "ridge", "--data", "iris", "--target", "species", "--out", model).ExitCode, Is.Zero);
            File.WriteAllText(data, "sepal_length_cm,petal_width_cm\n1,2\n");
            var run = CliRun.Of("predict", "--model", model, "--data", data);
            Assert.That(run.ExitCode, Is.Not.Zero);
            Assert.That(run.Err, Does.Contain("no column 'sepal_width_cm'"));
        }
        finally
        {
            File.Delete(model);
            File.Delete(data);
        }
    }

    [Test]
    public void BiasVarianceDemoPrintsTrainAndTestErrorPerModel()
    {
        var run = CliRun.Of("demo", "bias-variance", "--max-degree", "4", "--steps", "500");
        Assert.That(run.ExitCode, Is.Zero, run.Err);
        Assert.That(run.OutLines.Count(l => l.StartsWith("polynomial degree")), Is.EqualTo(4));
        Assert.That(run.OutLines, Has.Some.StartsWith("a·sin(2πx)"));
        Assert.That(run.OutLines[^1], Does.StartWith("lowest test error:"));
    }

    [Test]
    public void ElbowDemoTabulatesInertiaAndSilhouettePerK()
    {
        var run = CliRun.Of("demo", "elbow", "--data", "iris", "--max-k", "4");
        Assert.That(run.ExitCode, Is.Zero, run.Err);
        var rows = run.OutLines.Where(l => System.Text.RegularExpressions.Regex.IsMatch(l, @"^\d+ ")).Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries)).ToList();
        Assert.That(rows.Select(r => r[0]), Is.EqualTo(new[] { "1", "2", "3", "4" }));
        var inertias = rows.Select(r => double.Parse(r[1], System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.That(inertias, Is.Ordered.Descending, "inertia falls as k grows");
        Assert.That(CliRun.Of("demo", "elbow", "--max-k", "1").ExitCode, Is.Not.Zero);
    }
}
