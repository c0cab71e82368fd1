using System.Text.Json;
using Grimoire.Tests.Cli;

namespace Grimoire.Tests.Models.Neural;

/// <summary>`grimoire train perceptron-xor | mlp-xor` (book §9.3): a single layer cannot fit XOR, one tanh hidden
/// layer can; XOR has no held-out rows, so the metric is train_accuracy.</summary>
public sealed class XorTrainTests
{
    private static JsonElement Train(string model, int seed)
    {
        var run = CliRun.Of("train", model, "--seed", seed.ToString(System.Globalization.CultureInfo.InvariantCulture), "--json");
        Assert.That(run.ExitCode, Is.Zero, run.Err);
        Assert.That(run.OutLines, Has.Length.EqualTo(1), "--json prints only the final object");
        var root = JsonDocument.Parse(run.Out).RootElement;
        Assert.That(root.EnumerateObject().Select(p => p.Name), Is.EqualTo(new[] { "model", "epochs", "train_loss", "train_accuracy", "seconds" }));
        Assert.That(root.GetProperty("model").GetString(), Is.EqualTo(model));
        Assert.That(root.GetProperty("epochs").GetInt32(), Is.EqualTo(2000), "the default");
        return root;
    }

    [TestCase(0)]
    [TestCase(1)]
    public void PerceptronGetsAtMostThreeOfFour(int seed)
    {
        var result = Train("perceptron-xor", seed);
        Assert.That(result.GetProperty("train_accuracy").GetDouble(), Is.LessThanOrEqualTo(0.75));
        Assert.That(result.GetProperty("train_loss").GetDouble(), Is.EqualTo(Math.Log(2)).Within(0.01), "stuck at p = 0.5 everywhere");
    }

    [TestCase(0)]
    [TestCase(1)]
    public void MlpFitsAllFour(int seed)
    {
        var result = Train("mlp-xor", seed);
        Assert.That(result.GetProperty("train_accuracy").GetDouble(), Is.EqualTo(1.0));
        Assert.That(result.GetProperty("train_loss").GetDouble(), Is.LessThan(0.05));
    }

    [Test]
    public void ProgressShowsAboutTenLinesAndTheSummary()
    {
        var run = CliRun.Of("train", "mlp-xor", "--epochs", "100", "--batch", "2");
        Assert.That(run.ExitCode, Is.Zero, run.Err);
        Assert.That(run.OutLines.Count(l => l.StartsWith("epoch", StringComparison.Ordinal)), Is.EqualTo(10));
        Assert.That(run.OutLines[^1], Does.StartWith("mlp-xor: train accuracy"));
    }
}
