using Grimoire.Ml;
using Grimoire.Ml.Models;
using Grimoire.Models.Networks;
using Grimoire.Models.Neural;

namespace Grimoire.Tests.Models.Networks;

/// <summary>Saved networks: the typed API trains and restores with the same settings and figures, and a file whose
/// arrays or settings do not fit the network is refused with a message naming the problem, before anything is used.</summary>
public sealed class NetworkFileTests
{
    private static readonly IModelPlugin Plugin = ModelCatalogue.Find("mlp-xor");

    [Test]
    public void TheTypedTrainerKeepsItsSettingsThroughAFile()
    {
        using var trained = new MlpXor { Epochs = 50, Seed = 3, LearningRate = 0.25 }.Train();
        using var restored = (NetworkModel)Plugin.Restore(trained.Save());
        Assert.That(restored.Settings["epochs"], Is.EqualTo("50"));
        Assert.That(restored.Settings["lr"], Is.EqualTo("0.25"));
        Assert.That(restored.Settings["seed"], Is.EqualTo("3"));
        Assert.That(restored.Report with { Extra = trained.Report.Extra }, Is.EqualTo(trained.Report));
        Assert.That(restored.ParameterCount, Is.EqualTo(trained.ParameterCount));
    }

    [Test]
    public void ATypedTrainerChecksItsSettings() =>
        Assert.That(() => new MlpXor { Epochs = 0 }.Train(), Throws.TypeOf<ModelException>().With.Message.Contain("'epochs'"));

    [Test]
    public void ANetworkTakesNoDataSet()
    {
        using var data = Grimoire.Ml.Data.CsvDataset.Load("iris", "species");
        Assert.That(() => Plugin.Fit(data, ModelSettings.Empty), Throws.TypeOf<ModelException>().With.Message.Contain("its own data"));
    }

    private static readonly (string Name, Func<ModelState, ModelState> Tamper, string Expected)[] Tamperings =
    [
        ("a missing array", s => s with { Arrays = s.Arrays.Where(a => a.Key != "1.bias").ToDictionary() }, "'1.bias' is missing"),
        ("an extra array", s => s with { Arrays = new Dictionary<string, ModelArray>(s.Arrays) { ["2.weight"] = ModelArray.Vector([1]) } }, "'2.weight'"),
        ("a reshaped array", s => s with { Arrays = Replace(s, "0.weight", a => new ModelArray([a.Values.Length], a.Values)) }, "'0.weight' has shape"),
        ("a NaN weight", s => s with { Arrays = Replace(s, "0.bias", a => new ModelArray(a.Shape, [.. a.Values.Select(_ => double.NaN)])) }, "'0.bias' holds NaN"),
        ("a weight beyond float32", s => s with { Arrays = Replace(s, "0.bias", a => new ModelArray(a.Shape, [.. a.Values.Select(_ => 1e300)])) }, "beyond float32"),
        ("an out-of-range setting", s => s with { Metadata = new Dictionary<string, string>(s.Metadata) { ["setting.epochs"] = "0" } }, "stored settings"),
        ("an unknown setting", s => s with { Metadata = new Dictionary<string, string>(s.Metadata) { ["setting.depth"] = "3" } }, "depth"),
        ("other feature names", s => s with { Features = ["a", "b"] }, "feature names"),
        ("a missing figure", s => s with { Metadata = s.Metadata.Where(m => m.Key != "train_loss").ToDictionary() }, "'train_loss' is missing"),
    ];

    private static IEnumerable<TestCaseData> Cases() => Tamperings.Select(t => new TestCaseData(t.Tamper, t.Expected).SetName($"A saved network with {t.Name} is refused"));

    [TestCaseSource(nameof(Cases))]
    public void TamperedStateIsRefused(Func<ModelState, ModelState> tamper, string expected)
    {
        using var trained = new MlpXor { Epochs = 5 }.Train();
        Assert.That(() => Plugin.Restore(tamper(trained.Save())), Throws.TypeOf<ModelException>().With.Message.Contain(expected));
    }

    private static Dictionary<string, ModelArray> Replace(ModelState s, string name, Func<ModelArray, ModelArray> change) =>
        s.Arrays.ToDictionary(a => a.Key, a => a.Key == name ? change(a.Value) : a.Value);
}
