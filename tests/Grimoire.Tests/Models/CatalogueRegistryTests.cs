using Grimoire.Ml;
using Grimoire.Ml.Models;
using Grimoire.Tests.Cli;

namespace Grimoire.Tests.Models;

/// <summary>Where models come from: the classical family, the model library by name, and plugin assemblies (the sample
/// under tests/Plugins) with no edit to the engine; names stay unique.</summary>
public sealed class CatalogueRegistryTests
{
    [Test]
    public void TheSamplePluginJoinsTheCatalogue()
    {
        Assert.That(TestBackends.ModelPluginReport, Has.Some.Contain("Grimoire.Plugins.NearestCentroid.dll").And.Contain("loaded").And.Contain("nearest-centroid"));
        Assert.That(TestBackends.ModelPluginReport, Has.Some.Contain("Grimoire.Plugins.TensorPrimitives.dll").And.StartWith("skipped"), "a kernel-only plugin adds no model");
        var plugin = ModelCatalogue.Find("nearest-centroid");
        using var iris = Grimoire.Ml.Data.CsvDataset.Load("iris", "species");
        var fitted = plugin.Fit(iris, new ModelSettings(["metric=manhattan"]));
        var predicted = fitted.Predict(iris.X).Values;
        var truth = iris.Y!.ToDoubleArray();
        Assert.That(predicted.Where((p, i) => p == truth[i]).Count() / (double)truth.Length, Is.GreaterThan(0.85), "class medians separate iris");
    }

    [Test]
    public void AModelNameIsTakenOnce() =>
        Assert.That(() => ModelCatalogue.Add(ModelCatalogue.Find("ridge")), Throws.InvalidOperationException.With.Message.Contain("'ridge'"));

    [Test]
    public void AnUnknownNameListsTheModels()
    {
        var e = Assert.Throws<ModelException>(() => ModelCatalogue.Find("no-such-model"))!;
        Assert.That(e.Message, Does.Contain("no-such-model").And.Contain("cnn-digits").And.Contain("ridge"));
    }

    [Test]
    public void AMissingPluginFolderIsReported() =>
        Assert.That(ModelCatalogue.LoadPlugins("/nonexistent/plugins"), Is.EqualTo(new[] { "/nonexistent/plugins: not a directory; no plugins loaded from it" }));

    [Test]
    public void TheCommandLineFindsAModelPluginThroughThePluginPath()
    {
        var folder = Directory.CreateTempSubdirectory("grimoire-model-plugins").FullName;
        try
        {
            File.Copy(Path.Combine(AppContext.BaseDirectory, "Grimoire.Plugins.NearestCentroid.dll"), Path.Combine(folder, "Acme.Models.dll"));
            var env = new Dictionary<string, string> { ["GRIMOIRE_PLUGIN_PATH"] = folder };
            var listed = CliProcess.Run(env, "models");
            Assert.That(listed.ExitCode, Is.Zero, listed.Err);
            Assert.That(listed.OutLines, Has.Some.StartWith("nearest-centroid "));
            var fit = CliProcess.Run(env, "fit", "nearest-centroid", "--data", "wine", "--target", "cultivar", "--json");
            Assert.That(fit.ExitCode, Is.Zero, fit.Err);
            Assert.That(fit.Out, Does.Contain("\"model\":\"nearest-centroid\""));
        }
        finally
        {
            Directory.Delete(folder, true);
        }
    }
}
