using System.Text.Json;
using Grimoire.Ml.Data;
using Grimoire.Ml.Models;

namespace Grimoire.Tests.Ml;

/// <summary>Fits on the shipped data sets against scikit-learn 1.2.1's results (tests/fixtures/sklearn.json, made by
/// tests/fixtures/make_sklearn_fixtures.py): OLS and Ridge coefficients within 1e-5 relative, k-means inertia no
/// worse than scikit-learn's from the same start (the first k rows).</summary>
public sealed class SklearnParityTests
{
    private static readonly JsonElement Fixtures =
        SklearnFixtures.Load("sklearn.json");

    public static IEnumerable<TestCaseData> LinearCases() =>
        Fixtures.GetProperty("linear").EnumerateArray().Select(c => new TestCaseData(c).SetName(
            $"Parity {c.GetProperty("model").GetString()} on {c.GetProperty("data").GetString()} {c.GetProperty("settings")}"));

    public static IEnumerable<TestCaseData> KMeansCases() =>
        Fixtures.GetProperty("kmeans").EnumerateArray().Select(c => new TestCaseData(c).SetName($"Parity kmeans on {c.GetProperty("data").GetString()}"));

    [TestCaseSource(nameof(LinearCases))]
    public void LinearCoefficientsMatchScikitLearn(JsonElement c)
    {
        var settings = c.GetProperty("settings").EnumerateObject().Select(p => $"{p.Name}={p.Value.ToString().ToLowerInvariant()}");
        using var data = BuiltinWithTarget(c.GetProperty("data").GetString()!);
        var model = (Grimoire.Ml.Models.Linear.LinearModel)ModelCatalogue.Find(c.GetProperty("model").GetString()!).Fit(data, new ModelSettings(settings));
        var expected = c.GetProperty("coef").EnumerateArray().Select(e => e.GetDouble()).ToArray();
        var scale = expected.Max(Math.Abs);
        Assert.That(model.Coef, Is.EqualTo(expected).Within(1e-5 * scale), "coef");
        var intercept = c.GetProperty("intercept").GetDouble();
        Assert.That(model.Intercept, Is.EqualTo(intercept).Within(1e-5 * Math.Max(1, Math.Abs(intercept))), "intercept");
    }

    [TestCaseSource(nameof(KMeansCases))]
    public void KMeansInertiaIsNoWorseThanScikitLearnFromTheSameStart(JsonElement c)
    {
        using var data = BuiltinWithTarget(c.GetProperty("data").GetString()!);
        var k = c.GetProperty("n_clusters").GetInt32();
        var model = (Grimoire.Ml.Models.Clustering.ClusterModel)ModelCatalogue.Find("kmeans").Fit(data, new ModelSettings([$"n_clusters={k}", "init=first"]));
        var reference = c.GetProperty("inertia").GetDouble();
        Assert.That(model.Inertia, Is.LessThanOrEqualTo(reference * (1 + 1e-9)));
    }

    /// <summary>A built-in data set with its last column as the target (as the fixture script reads it).</summary>
    internal static Dataset BuiltinWithTarget(string name)
    {
        using var stream = BuiltinDatasets.Open(name);
        using var reader = new StreamReader(stream);
        var target = reader.ReadLine()!.Split(',')[^1];
        return CsvDataset.Load(name, target);
    }
}
