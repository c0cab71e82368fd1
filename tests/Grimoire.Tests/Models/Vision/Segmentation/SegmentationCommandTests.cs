using System.Text.Json;
using Grimoire.Tests.Cli;

namespace Grimoire.Tests.Models.Vision.Segmentation;

/// <summary>`grimoire train segmentation`: the JSON contract with mean_iou and pixel_accuracy, what a short run reaches,
/// progress lines, and one-line errors.</summary>
[TestFixture]
public sealed class SegmentationCommandTests
{
    /// <summary>Three epochs (about 3 s) reach a mean IoU near 0.85; the default twelve reach about 0.97.</summary>
    [Test]
    public void AShortRunReportsMeanIouAndPixelAccuracy()
    {
        var run = CliRun.Of("train", "segmentation", "--epochs", "3", "--json");
        Assert.That(run.ExitCode, Is.Zero, run.Err);
        Assert.That(run.OutLines, Has.Length.EqualTo(1), "--json prints only the final object");
        var root = JsonDocument.Parse(run.Out).RootElement;
        Assert.That(root.EnumerateObject().Select(p => p.Name), Is.EqualTo(new[] { "model", "epochs", "train_loss", "mean_iou", "pixel_accuracy", "seconds" }));
        Assert.That(root.GetProperty("model").GetString(), Is.EqualTo("segmentation"));
        Assert.That(root.GetProperty("epochs").GetInt32(), Is.EqualTo(3));
        Assert.That(root.GetProperty("train_loss").GetDouble(), Is.GreaterThan(0).And.LessThan(0.5));
        Assert.That(root.GetProperty("mean_iou").GetDouble(), Is.GreaterThanOrEqualTo(0.7).And.LessThanOrEqualTo(1));
        Assert.That(root.GetProperty("pixel_accuracy").GetDouble(), Is.GreaterThanOrEqualTo(0.9).And.LessThanOrEqualTo(1));
        Assert.That(root.GetProperty("seconds").GetDouble(), Is.GreaterThan(0));
    }

    [Test]
    public void ProgressIsOnePlainLinePerEpoch()
    {
        var run = CliRun.Of("train", "segmentation", "--epochs", "1", "--seed", "2");
        Assert.That(run.ExitCode, Is.Zero, run.Err);
        Assert.That(run.OutLines.Count(l => l.StartsWith("epoch", StringComparison.Ordinal)), Is.EqualTo(1));
        Assert.That(run.OutLines.Single(l => l.StartsWith("epoch", StringComparison.Ordinal)), Does.Contain("test mean IoU"));
        Assert.That(run.OutLines[^1], Does.StartWith("segmentation: mean iou"));
    }

    [TestCase("--epochs", "0", "--epochs")]
    [TestCase("--batch", "0", "--batch")]
    [TestCase("--lr", "2", "--lr")]
    [TestCase("--seed", "-1", "--seed")]
    [TestCase("--device", "tpu", "cpu, gpu")]
    public void BadOptionsGiveOneLineErrors(string option, string value, string named)
    {
        var run = CliRun.Of("train", "segmentation", option, value, "--json");
        Assert.That(run.ExitCode, Is.Not.Zero);
        Assert.That(run.Err.TrimEnd().Split('\n'), Has.Length.EqualTo(1));
        Assert.That(run.Err, Does.StartWith("error: ").And.Contain(named));
        Assert.That(run.Out, Is.Empty, "nothing is trained");
    }
}
