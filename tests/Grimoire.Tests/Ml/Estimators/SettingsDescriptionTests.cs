using System.Text.Json.Nodes;
using Grimoire.Ml;
using Grimoire.Ml.Models;
using Grimoire.Ml.Models.Clustering;
using Grimoire.Ml.Models.Logistic;
using Grimoire.Ml.Models.Settings;

namespace Grimoire.Tests.Ml.Estimators;

/// <summary>The settings description is the one source of names, defaults and ranges: the `--set` parser accepts
/// exactly the described keys, each default written back as text binds to the default, the range check is the
/// typed estimator's, and the JSON schema lists the same keys, defaults and bounds.</summary>
public sealed class SettingsDescriptionTests
{
    public static IEnumerable<TestCaseData> Plugins() => ModelCatalogue.All.Select(p => new TestCaseData(p).SetName($"Settings of {p.Name}"));

    [TestCaseSource(nameof(Plugins))]
    public void TheParserAcceptsExactlyTheDescribedKeys(IModelPlugin plugin)
    {
        using var data = SklearnParityTests.BuiltinWithTarget("iris");
        var e = Assert.Throws<ModelException>(() => plugin.Fit(data, new ModelSettings(["no_such_key=1"])))!;
        // learning_rate is taken only with solver=gd, so the default solver's list leaves it out.
        var expected = plugin.Settings.Where(s => s.OnlyWith is null).Select(s => s.Name).Order();
        Assert.That(e.Message, Does.EndWith($"it accepts: {string.Join(", ", expected)}"));
    }

    [TestCaseSource(nameof(Plugins))]
    public void EveryDefaultWrittenAsTextBindsBackToItself(IModelPlugin plugin)
    {
        foreach (var s in plugin.Settings)
            Assert.That(s.Parse(s.Format(s.Default)), Is.EqualTo(s.Default), s.Name);
    }

    [TestCaseSource(nameof(Plugins))]
    public void TheSchemaListsEverySettingWithItsDefaultAndBounds(IModelPlugin plugin)
    {
        var schema = ModelCatalogue.SettingsSchema(plugin.Name);
        var properties = schema["properties"]!.AsObject();
        Assert.That(properties.Select(p => p.Key), Is.EqualTo(plugin.Settings.Select(s => s.Name)));
        Assert.That(schema["additionalProperties"]!.GetValue<bool>(), Is.False);
        foreach (var s in plugin.Settings)
        {
            var p = properties[s.Name]!.AsObject();
            Assert.That(p["description"]!.GetValue<string>(), Does.StartWith(s.Doc), s.Name);
            Assert.That(p["default"]!.ToJsonString(), Is.EqualTo(Json(s)), s.Name);
            var typed = s.Optional ? p["anyOf"]![0]!.AsObject() : p;
            if (s.Kind == SettingKind.Choice) Assert.That(typed["enum"]!.AsArray().Select(c => c!.GetValue<string>()), Is.EqualTo(s.Choices), s.Name);
            if (s.Kind == SettingKind.Number && s.Minimum == 0)
                Assert.That(typed[s.ExclusiveMinimum ? "exclusiveMinimum" : "minimum"]!.GetValue<double>(), Is.Zero, s.Name);
        }
    }

    [Test]
    public void RangeMessagesAreTheSameFromTextAndFromProperties()
    {
        using var data = SklearnParityTests.BuiltinWithTarget("iris");
        var fromText = Assert.Throws<ModelException>(() => ModelCatalogue.Find("logistic-regression").Fit(data, new ModelSettings(["C=-2"])))!.Message;
        var fromProperty = Assert.Throws<ModelException>(() => new LogisticRegression { C = -2 }.Fit(data))!.Message;
        Assert.That(fromText, Is.EqualTo("setting 'C' must be > 0, got -2"));
        Assert.That(fromProperty, Is.EqualTo("LogisticRegression.C (setting 'C') must be > 0, got -2"));
    }

    [Test]
    public void AutoLeavesAnOptionalSettingToTheOthers()
    {
        using var data = SklearnParityTests.BuiltinWithTarget("iris");
        var auto = (ClusterModel)ModelCatalogue.Find("kmeans").Fit(data, new ModelSettings(["n_clusters=3", "n_init=auto", "init=first"]));
        var one = new KMeans { NClusters = 3, NInit = 1, Init = KMeansInit.First }.Fit(data);
        FittedState.AssertIdentical(one, auto, "n_init=auto with init=first is one run");
        Assert.That(() => ModelCatalogue.Find("kmeans").Fit(data, new ModelSettings(["n_init=many"])),
            Throws.TypeOf<ModelException>().With.Message.EqualTo("setting 'n_init' must be an integer or auto, got 'many'"));
    }

    private static string Json(SettingInfo s) => s.Default switch
    {
        null => "\"auto\"",
        bool b => b ? "true" : "false",
        double or int => s.Format(s.Default),
        _ => JsonValue.Create(s.Format(s.Default)).ToJsonString(),
    };
}
