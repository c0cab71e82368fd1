using Grimoire.Models.Vision;
using Grimoire.Tests.Cli;

namespace Grimoire.Tests.Models.Vision;

/// <summary>ssl-rotation: the pixel maps are true quarter turns, and the CLI reports the probe against the
/// random-encoder baseline.</summary>
public sealed class RotationPretextTests
{
    [Test]
    public void QuarterTurnsMoveCornersClockwiseAndFourAreTheIdentity()
    {
        // The top-left pixel of the rotated image comes from the bottom-left of the original after one clockwise turn.
        Assert.That(RotationPretext.Rotate(0, 1), Is.EqualTo(7 * 8));
        Assert.That(RotationPretext.Rotate(0, 2), Is.EqualTo(63));
        var all = Enumerable.Range(0, 64);
        Assert.That(all.Select(p => RotationPretext.Rotate(RotationPretext.Rotate(RotationPretext.Rotate(RotationPretext.Rotate(p, 1), 1), 1), 1)), Is.EqualTo(all));
        Assert.That(all.Select(p => RotationPretext.Rotate(p, 1)).Distinct().Count(), Is.EqualTo(64), "a permutation");
    }

    [Test]
    public void ReportsTheProbeAndTheRandomEncoderBaseline()
    {
        var run = CliRun.Of("train", "ssl-rotation", "--epochs", "2", "--json");
        Assert.That(run.ExitCode, Is.Zero, run.Err);
        var json = System.Text.Json.JsonDocument.Parse(run.Out).RootElement;
        Assert.That(json.EnumerateObject().Select(p => p.Name),
            Is.EqualTo(new[] { "model", "epochs", "train_loss", "probe_accuracy", "random_encoder_probe_accuracy", "pretext_accuracy", "seconds" }));
        Assert.That(json.GetProperty("probe_accuracy").GetDouble(), Is.GreaterThan(0.5));
        Assert.That(json.GetProperty("random_encoder_probe_accuracy").GetDouble(), Is.GreaterThan(0.1));
    }
}
