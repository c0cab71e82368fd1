using System.Text.Json;
using Grimoire.Ml.Data;
using Grimoire.Ml.Models;
using Grimoire.Ml.Models.Logistic;

namespace Grimoire.Tests.Ml;

/// <summary>Logistic regression against scikit-learn 1.2.1 (tests/fixtures/sklearn_logistic.json, made by
/// tests/fixtures/make_sklearn_logistic_fixtures.py): with lbfgs at a tight tolerance our objective is within 1e-6
/// relative of scikit-learn's at its solution (or lower), and the classes and coefficients agree; gradient descent,
/// the book's method, lowers the objective as it runs.</summary>
public sealed class LogisticParityTests
{
    private static readonly JsonElement Fixtures =
        SklearnFixtures.Load("sklearn_logistic.json");

    public static IEnumerable<TestCaseData> Cases() =>
        Fixtures.GetProperty("logistic").EnumerateArray().Select(c => new TestCaseData(c).SetName(
            $"Parity logistic-regression on {(c.GetProperty("standardize").GetBoolean() ? "standardized " : "")}{c.GetProperty("data").GetString()} {c.GetProperty("settings")}"));

    [TestCaseSource(nameof(Cases))]
    public void LbfgsReachesScikitLearnsObjective(JsonElement c)
    {
        using var data = Load(c);
        var model = Fit(data, c, "tol=1e-10", "max_iter=1000");
        var reference = c.GetProperty("objective").GetDouble();
        Assert.That(model.Objective, Is.LessThanOrEqualTo(reference * (1 + 1e-6)), "objective");
        Assert.That(model.Classes, Is.EqualTo(c.GetProperty("classes").EnumerateArray().Select(e => e.GetDouble())));
        var coef = c.GetProperty("coef").EnumerateArray().Select(r => r.EnumerateArray().Select(e => e.GetDouble()).ToArray()).ToArray();
        var scale = coef.SelectMany(r => r).Max(Math.Abs);
        Assert.That(model.Coef, Has.Length.EqualTo(coef.Length));
        for (var k = 0; k < coef.Length; k++) Assert.That(model.Coef[k], Is.EqualTo(coef[k]).Within(1e-3 * scale), $"coef row {k}");
    }

    [TestCaseSource(nameof(Cases))]
    public void GradientDescentLowersTheObjective(JsonElement c)
    {
        using var data = Load(c);
        var objectives = new[] { 1, 10, 100 }.Select(steps => Fit(data, c, "solver=gd", $"max_iter={steps}", "tol=0").Objective).ToArray();
        Assert.That(objectives, Is.Ordered.Descending);
        Assert.That(objectives[^1], Is.LessThan(objectives[0]));
        Assert.That(objectives[^1], Is.GreaterThanOrEqualTo(c.GetProperty("objective").GetDouble() * (1 - 1e-6)), "gd cannot beat the optimum");
    }

    private static LogisticModel Fit(Dataset data, JsonElement c, params string[] extra)
    {
        var settings = c.GetProperty("settings").EnumerateObject().Select(p => $"{p.Name}={p.Value.ToString().ToLowerInvariant()}");
        return (LogisticModel)ModelCatalogue.Find("logistic-regression").Fit(data, new ModelSettings([.. settings, .. extra]));
    }

    /// <summary>The fixture's data set, standardized like the script when it says so.</summary>
    private static Dataset Load(JsonElement c)
    {
        var data = SklearnParityTests.BuiltinWithTarget(c.GetProperty("data").GetString()!);
        if (!c.GetProperty("standardize").GetBoolean()) return data;
        using (data)
        {
            var x = Standardizer.Fit(data.X).Transform(data.X);
            return new Dataset(data.Source, [.. data.Features], x, data.TargetName, data.Y!.Contiguous(copy: true));
        }
    }
}
