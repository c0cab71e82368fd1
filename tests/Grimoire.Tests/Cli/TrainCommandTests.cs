using System.Text.Json;
using Grimoire.Tests.Cli;

namespace Grimoire.Tests.Cli;

/// <summary>`grimoire train mlp-digits`: the JSON contract, the accuracy it reaches, and one-line errors.</summary>
[TestFixture]
public sealed class TrainCommandTests
{
    [Test]
    public void MlpDigitsReachesHighTestAccuracy()
    {
        var run = CliRun.Of("train", "mlp-digits", "--epochs", "20", "--json");
        Assert.That(run.ExitCode, Is.EqualTo(0), run.Err);
        Assert.That(run.OutLines, Has.Length.EqualTo(1), "--json prints only the final object");
        using var json = JsonDocument.Parse(run.Out);
        var root = json.RootElement;
        Assert.That(root.EnumerateObject().Select(p => p.Name), Is.EqualTo(new[] { "model", "epochs", "train_loss", "test_accuracy", "seconds" }));
        Assert.That(root.GetProperty("model").GetString(), Is.EqualTo("mlp-digits"));
        Assert.That(root.GetProperty("epochs").GetInt32(), Is.EqualTo(20));
        Assert.That(root.GetProperty("train_loss").GetDouble(), Is.GreaterThan(0).And.LessThan(0.2));
        Assert.That(root.GetProperty("test_accuracy").GetDouble(), Is.GreaterThanOrEqualTo(0.95));
        Assert.That(root.GetProperty("seconds").GetDouble(), Is.GreaterThan(0));
    }

    [Test]
    public void CnnDigitsReachesHighTestAccuracy()
    {
        var run = CliRun.Of("train", "cnn-digits", "--epochs", "12", "--json");
        Assert.That(run.ExitCode, Is.Zero, run.Err);
        var json = System.Text.Json.JsonDocument.Parse(run.Out).RootElement;
        Assert.That(json.GetProperty("model").GetString(), Is.EqualTo("cnn-digits"));
        Assert.That(json.GetProperty("test_accuracy").GetDouble(), Is.GreaterThanOrEqualTo(0.97));
    }

    /// <summary>The same training on the gpu-sim device (ILGPU's simulator) follows the host run, and the summary names the
    /// device that trained.</summary>
    [Test]
    public void MlpXorTrainsTheSameOnTheGpuDevice()
    {
        System.Text.Json.JsonElement Run(string device)
        {
            var run = CliRun.Of("train", "mlp-xor", "--epochs", "200", "--device", device, "--json");
            Assert.That(run.ExitCode, Is.Zero, run.Err);
            return System.Text.Json.JsonDocument.Parse(run.Out).RootElement;
        }
        var (cpu, gpu) = (Run("cpu"), Run("gpu-sim"));
        Assert.That(gpu.GetProperty("train_loss").GetDouble(), Is.EqualTo(cpu.GetProperty("train_loss").GetDouble()).Within(1e-5));
        Assert.That(gpu.GetProperty("train_accuracy").GetDouble(), Is.EqualTo(1.0));
        var text = CliRun.Of("train", "mlp-xor", "--epochs", "5", "--device", "gpu-sim");
        Assert.That(text.OutLines[^1], Does.EndWith(" s on gpu-sim (CPU simulator: CPUAccelerator, 1 SMs, 16 threads/group)"));
    }

    [Test]
    public void WithJsonTheProgressGoesToStandardError()
    {
        var run = CliRun.Of("train", "mlp-digits", "--epochs", "2", "--seed", "3", "--json");
        Assert.That(run.ExitCode, Is.EqualTo(0), run.Err);
        Assert.That(run.OutLines, Has.Length.EqualTo(1), "standard output holds only the final object");
        Assert.That(run.Err.Split('\n').Count(l => l.StartsWith("epoch", StringComparison.Ordinal)), Is.EqualTo(2), run.Err);
    }

    [Test]
    public void ProgressIsOnePlainLinePerEpoch()
    {
        var run = CliRun.Of("train", "mlp-digits", "--epochs", "2", "--seed", "3");
        Assert.That(run.ExitCode, Is.EqualTo(0), run.Err);
        Assert.That(run.OutLines.Count(l => l.StartsWith("epoch", StringComparison.Ordinal)), Is.EqualTo(2));
        Assert.That(run.OutLines[^1], Does.StartWith("mlp-digits: test accuracy"));
        Assert.That(run.Out.Contains('\u001b', StringComparison.Ordinal), Is.False, "no ANSI escapes");
    }

    [TestCase("--epochs", "0", "--epochs")]
    [TestCase("--batch", "0", "--batch")]
    [TestCase("--lr", "-1", "--lr")]
    [TestCase("--lr", "NaN", "--lr")]
    [TestCase("--seed", "-2", "--seed")]
    [TestCase("--device", "tpu", "cpu, gpu")]
    public void BadOptionsGiveOneLineErrors(string option, string value, string named)
    {
        var run = CliRun.Of("train", "mlp-digits", option, value);
        Assert.That(run.ExitCode, Is.Not.EqualTo(0));
        Assert.That(run.Err.TrimEnd().Split('\n'), Has.Length.EqualTo(1));
        Assert.That(run.Err, Does.StartWith("error: ").And.Contain(named));
        Assert.That(run.Out, Is.Empty, "nothing is trained");
    }

    [Test]
    public void UnknownModelIsRejected()
    {
        var run = CliRun.Of("train", "mlp-nothing");
        Assert.That(run.ExitCode, Is.Not.EqualTo(0));
        Assert.That(run.Err, Does.Contain("mlp-nothing"));
    }
}
