using Grimoire.Ml.Data;
using Grimoire.Ml.Models;

namespace Grimoire.Tests.Models;

/// <summary>The one contract, for every model of every family the catalogue lists (plugins included): it trains (on a
/// built-in data set, or on its own data), saves to a model file, loads back through the catalogue, and the loaded model
/// predicts exactly what the trained one did (network weights widen to float64 and back without loss).</summary>
public sealed class CatalogueRoundTripTests
{
    private static IEnumerable<string> Names() => ModelCatalogue.All.Select(m => m.Name);

    [TestCaseSource(nameof(Names))]
    public void TrainsSavesLoadsAndPredictsTheSame(string name)
    {
        var plugin = ModelCatalogue.Find(name);
        using var data = plugin.TrainingData is null ? DataFor(plugin.Task) : null;
        var fitted = plugin.Fit(data, new ModelSettings(QuickSettings(plugin)));
        var path = Path.Combine(Path.GetTempPath(), $"grimoire-{Guid.NewGuid():N}.model");
        try
        {
            ModelFile.Write(path, fitted);
            var loaded = ModelFile.Load(path);
            Assert.That(loaded.Model, Is.EqualTo(name));
            Assert.That(loaded.Features, Is.EqualTo(fitted.Features));
            Assert.That(FitFields(loaded), Is.EqualTo(FitFields(fitted)), "the loaded model reports the same fit");
            using var x = RandomRows(fitted.Features.Count);
            var (before, after) = (fitted.Predict(x), loaded.Predict(x));
            Assert.That(after.Values, Is.EqualTo(before.Values));
            Assert.That(after.ValuesPerRow, Is.EqualTo(before.ValuesPerRow));
            Assert.That(after.Rows, Is.EqualTo(x.Shape[0]));
            Assert.That(after.Probabilities, Is.EqualTo(before.Probabilities));
            (loaded as IDisposable)?.Dispose();
        }
        finally
        {
            (fitted as IDisposable)?.Dispose();
            File.Delete(path);
        }
    }

    [Test]
    public void TheListCoversEveryFamily() =>
        Assert.That(ModelCatalogue.All.Select(m => m.Family).Distinct(), Is.SupersetOf(new[] { "classical", "neural", "vision" }));

    [Test]
    public void EveryModelCitesItsSectionAndNamesItsMetric()
    {
        foreach (var m in ModelCatalogue.All)
        {
            Assert.That(m.BookSection, Does.StartWith("§"), m.Name);
            Assert.That(m.Metric, Is.Not.Empty, m.Name);
            Assert.That(m.Summary, Is.Not.Empty, m.Name);
        }
    }

    /// <summary>The least training that exercises the model: one epoch for networks, three clusters for clustering.</summary>
    private static string[] QuickSettings(IModelPlugin plugin) =>
        plugin.Settings.Any(s => s.Name == "epochs") ? ["epochs=1"]
        : plugin.Settings.Any(s => s.Name == "n_clusters") ? ["n_clusters=3"]
        : [];

    private static Dataset DataFor(string task) => task == "regression"
        ? CsvDataset.Load("diabetes", "progression")
        : CsvDataset.Load("iris", "species");

    private static Dictionary<string, string> FitFields(IFittedModel model)
    {
        using var buffer = new MemoryStream();
        using (var json = new System.Text.Json.Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            model.WriteFitFields(json);
            json.WriteEndObject();
        }
        return System.Text.Json.JsonDocument.Parse(buffer.ToArray()).RootElement.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetRawText());
    }

    /// <summary>Five rows of values in [0, 16): any model's columns accept them (digits' pixels are 0–16).</summary>
    private static Tensor RandomRows(int columns)
    {
        var random = new Random(columns);
        return Tensor.FromArray(Enumerable.Range(0, 5 * columns).Select(_ => random.NextDouble() * 16).ToArray(), new Shape(5, columns));
    }
}
