using Grimoire.Ml;
using Grimoire.Ml.Models;

namespace Grimoire.Tests.Ml;

/// <summary>Model files: a fitted model survives the round trip; truncated, corrupt or foreign files are
/// ModelExceptions that say what is wrong.</summary>
public sealed class ModelFileTests
{
    private string _path = "";

    [SetUp]
    public void CreatePath() => _path = Path.Combine(Path.GetTempPath(), $"grimoire-{Guid.NewGuid():N}.model");

    [TearDown]
    public void DeletePath() => File.Delete(_path);

    [TestCase("ridge", "alpha=0.5")]
    [TestCase("lasso", "alpha=0.05")]
    [TestCase("elastic-net", "l1_ratio=0.3")]
    [TestCase("kmeans", "n_clusters=3")]
    public void FittedModelsRoundTrip(string model, string setting)
    {
        using var data = SklearnParityTests.BuiltinWithTarget("iris");
        var fitted = ModelCatalogue.Find(model).Fit(data, new ModelSettings([setting]));
        ModelFile.Write(_path, fitted.Save());
        var restored = ModelCatalogue.Find(model).Restore(ModelFile.Read(_path));
        Assert.That(restored.Features, Is.EqualTo(fitted.Features));
        Assert.That(restored.Predict(data.X).Values, Is.EqualTo(fitted.Predict(data.X).Values));
        Assert.That(File.Exists(_path + ".tmp"), Is.False, "the temporary file is renamed into place");
    }

    [Test]
    public void TruncatedAndCorruptFilesAreModelErrors()
    {
        using var data = SklearnParityTests.BuiltinWithTarget("diabetes");
        ModelFile.Write(_path, ModelCatalogue.Find("ridge").Fit(data, ModelSettings.Empty).Save());
        var bytes = File.ReadAllBytes(_path);

        File.WriteAllBytes(_path, bytes[..^8]);
        Assert.That(Assert.Throws<ModelException>(() => ModelFile.Read(_path))!.Message, Does.Contain("truncated or corrupt"));

        File.WriteAllBytes(_path, bytes[..20]);
        Assert.That(Assert.Throws<ModelException>(() => ModelFile.Read(_path))!.Message, Does.Contain("exceeds the file"));

        File.WriteAllBytes(_path, bytes[..4]);
        Assert.That(Assert.Throws<ModelException>(() => ModelFile.Read(_path))!.Message, Does.Contain("not a model file"));

        var garbled = (byte[])bytes.Clone();
        garbled[9] = (byte)'#';
        File.WriteAllBytes(_path, garbled);
        Assert.That(Assert.Throws<ModelException>(() => ModelFile.Read(_path))!.Message, Does.Contain("not valid JSON"));

        Assert.That(Assert.Throws<ModelException>(() => ModelFile.Read(_path + ".missing"))!.Message, Does.Contain("not found"));
    }

    [Test]
    public void AnotherFormatOrVersionIsRefused()
    {
        using var data = SklearnParityTests.BuiltinWithTarget("diabetes");
        ModelFile.Write(_path, ModelCatalogue.Find("ridge").Fit(data, ModelSettings.Empty).Save());
        var text = System.Text.Encoding.Latin1.GetString(File.ReadAllBytes(_path));
        File.WriteAllBytes(_path, System.Text.Encoding.Latin1.GetBytes(text.Replace("\"version\":\"1\"", "\"version\":\"9\"")));
        Assert.That(Assert.Throws<ModelException>(() => ModelFile.Read(_path))!.Message, Does.Contain("version 9 is not supported"));
    }
}
