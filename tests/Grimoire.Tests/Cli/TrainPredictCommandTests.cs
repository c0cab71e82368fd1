using System.Globalization;
using System.Text.Json;
using Grimoire.Models.Vision.Segmentation;

namespace Grimoire.Tests.Cli;

/// <summary>`grimoire train MODEL --out FILE` then `grimoire predict --model FILE --data …`, for networks as for classical
/// models: a class per row for classifiers, a class per pixel for segmentation.</summary>
public sealed class TrainPredictCommandTests
{
    private string _dir = "";

    [SetUp]
    public void CreateFolder() => _dir = Directory.CreateTempSubdirectory("grimoire-train-predict").FullName;

    [TearDown]
    public void DeleteFolder() => Directory.Delete(_dir, true);

    [Test]
    public void AnXorNetworkPredictsTheTruthTable()
    {
        var model = Path.Combine(_dir, "xor.ckpt");
        var train = CliRun.Of("train", "mlp-xor", "--out", model, "--json");
        Assert.That(train.ExitCode, Is.Zero, train.Err);
        var csv = Path.Combine(_dir, "xor.csv");
        File.WriteAllText(csv, "x0,x1\n0,0\n0,1\n1,0\n1,1\n");
        var predict = CliRun.Of("predict", "--model", model, "--data", csv, "--json");
        Assert.That(predict.ExitCode, Is.Zero, predict.Err);
        var json = JsonDocument.Parse(predict.Out).RootElement;
        Assert.That(json.GetProperty("predictions").EnumerateArray().Select(p => p.GetDouble()), Is.EqualTo(new[] { 0.0, 1, 1, 0 }));
        Assert.That(json.GetProperty("probabilities").EnumerateArray().Select(r => r.GetArrayLength()), Is.All.EqualTo(2));
    }

    [Test]
    public void ADigitsNetworkPredictsEveryRowOfADataSet()
    {
        var model = Path.Combine(_dir, "mlp.ckpt");
        var train = CliRun.Of("train", "mlp-digits", "--epochs", "5", "--out", model);
        Assert.That(train.ExitCode, Is.Zero, train.Err);
        Assert.That(train.OutLines[^1], Is.EqualTo($"saved to {model}"));
        var predict = CliRun.Of("predict", "--model", model, "--data", "digits");
        Assert.That(predict.ExitCode, Is.Zero, predict.Err);
        Assert.That(predict.OutLines, Has.Length.EqualTo(1797));
        using var digits = Grimoire.Ml.Data.CsvDataset.Load("digits", "digit");
        var truth = digits.Y!.ToDoubleArray();
        var right = predict.OutLines.Where((line, i) => double.Parse(line, CultureInfo.InvariantCulture) == truth[i]).Count();
        Assert.That(right / 1797.0, Is.GreaterThan(0.85), "five epochs learn the digits");
    }

    [Test]
    public void ASegmenterLabelsEveryPixel()
    {
        var model = Path.Combine(_dir, "seg.ckpt");
        var train = CliRun.Of("train", "segmentation", "--epochs", "1", "--out", model, "--json");
        Assert.That(train.ExitCode, Is.Zero, train.Err);
        var scenes = SceneGenerator.Generate(2, 32, new Rng(9));
        var csv = Path.Combine(_dir, "scenes.csv");
        var header = string.Join(',', Enumerable.Range(0, 3 * 32 * 32).Select(i => $"x{i}"));
        var rows = Enumerable.Range(0, 2).Select(r => string.Join(',', scenes.Pixels.Skip(r * 3072).Take(3072).Select(v => v.ToString("R", CultureInfo.InvariantCulture))));
        File.WriteAllLines(csv, [header, .. rows]);
        var predict = CliRun.Of("predict", "--model", model, "--data", csv, "--json");
        Assert.That(predict.ExitCode, Is.Zero, predict.Err);
        var predictions = JsonDocument.Parse(predict.Out).RootElement.GetProperty("predictions").EnumerateArray().ToList();
        Assert.That(predictions, Has.Count.EqualTo(2));
        Assert.That(predictions.Select(p => p.GetArrayLength()), Is.All.EqualTo(32 * 32));
        Assert.That(predictions.SelectMany(p => p.EnumerateArray()).Select(v => v.GetDouble()), Is.All.InRange(0, Scenes.Classes - 1));
    }

    [Test]
    public void FitTrainsANetworkToo()
    {
        var run = CliRun.Of("fit", "perceptron-xor", "--set", "epochs=10", "--json");
        Assert.That(run.ExitCode, Is.Zero, run.Err);
        Assert.That(JsonDocument.Parse(run.Out).RootElement.GetProperty("train_accuracy").GetDouble(), Is.InRange(0, 1));
        Assert.That(run.Err, Does.Contain("epoch"), "progress goes to standard error");
    }

    [TestCase("fit|ridge", "needs --data")]
    [TestCase("fit|mlp-xor|--data|iris", "its own data")]
    [TestCase("fit|mlp-xor|--set|depth=3", "depth")]
    public void MisusedModelsGiveOneLineErrors(string args, string expected)
    {
        var run = CliRun.Of(args.Split('|'));
        Assert.That(run.ExitCode, Is.Not.Zero);
        Assert.That(run.Err.TrimEnd().Split('\n'), Has.Length.EqualTo(1), run.Err);
        Assert.That(run.Err, Does.StartWith("error: ").And.Contain(expected));
    }
}
