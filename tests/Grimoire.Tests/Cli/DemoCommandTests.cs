using System.Text.RegularExpressions;

namespace Grimoire.Tests.Cli;

/// <summary>`grimoire demo xor`: the MLP fits XOR (four correct predictions), the linear model cannot.</summary>
public class DemoCommandTests
{
    private static readonly Regex Prediction = new(@"^x = \((\d), (\d)\)\s+target (\d)\s+p = ([\d.]+)\s+-> (\d)$");

    [Test]
    public void XorDemoFitsTheMlpAndShowsTheLinearModelFailing()
    {
        var run = CliRun.Of("demo", "xor");
        Assert.That(run.ExitCode, Is.EqualTo(0), run.Err + run.Out);
        var predictions = run.OutLines.Select(l => Prediction.Match(l)).Where(m => m.Success).ToList();
        Assert.That(predictions, Has.Count.EqualTo(8), "four predictions for each of the two models");

        var mlp = predictions.Take(4).ToList();
        Assert.That(mlp.Select(m => (m.Groups[1].Value, m.Groups[2].Value)), Is.EqualTo(new[] { ("0", "0"), ("0", "1"), ("1", "0"), ("1", "1") }));
        Assert.That(mlp.Select(m => m.Groups[3].Value), Is.EqualTo(new[] { "0", "1", "1", "0" }), "XOR targets");
        Assert.That(mlp.Select(m => m.Groups[5].Value), Is.EqualTo(new[] { "0", "1", "1", "0" }), "the MLP predicts XOR");

        var linearCorrect = predictions.Skip(4).Count(m => m.Groups[3].Value == m.Groups[5].Value);
        Assert.That(linearCorrect, Is.LessThan(4), "no line separates XOR");
        Assert.That(run.Out, Does.Contain($"MLP: 4/4 correct; linear: {linearCorrect}/4 correct"));
    }

    /// <summary>The same training on the gpu device (ILGPU's CPU simulator here) follows the CPU run's loss curve
    /// and reaches the same predictions: autodiff and every op it uses run on device tensors.</summary>
    [Test]
    public void XorDemoOnTheGpuDeviceMatchesTheCpuRun()
    {
        var cpu = CliRun.Of("demo", "xor", "--epochs", "300");
        var gpu = CliRun.Of("demo", "xor", "--epochs", "300", "--device", "gpu-sim");
        Assert.That(gpu.ExitCode, Is.EqualTo(0), gpu.Err + gpu.Out);
        Assert.That(gpu.OutLines[0], Does.Contain("device gpu-sim (CPU simulator"));
        static double[] Losses(CliRun run) => run.OutLines.Where(l => l.TrimStart().StartsWith("epoch")).Select(l => double.Parse(l.Split(' ', StringSplitOptions.RemoveEmptyEntries)[^1])).ToArray();
        Assert.That(Losses(gpu), Has.Length.EqualTo(Losses(cpu).Length).And.Length.GreaterThan(0));
        Assert.That(Losses(gpu), Is.EqualTo(Losses(cpu)).Within(2e-4), "loss curves");
        Assert.That(gpu.OutLines.Where(l => Prediction.IsMatch(l)).Select(l => l[^1]), Is.EqualTo(cpu.OutLines.Where(l => Prediction.IsMatch(l)).Select(l => l[^1])));
    }

    [TestCase("--device", "tpu", "--device")]
    [TestCase("--epochs", "-5", "--epochs")]
    [TestCase("--epochs", "0", "--epochs")]
    [TestCase("--lr", "-1", "--lr")]
    [TestCase("--lr", "NaN", "--lr")]
    [TestCase("--hidden", "0", "--hidden")]
    public void OutOfRangeOptionValuesFailWithAnError(string option, string value, string named)
    {
        var run = CliRun.Of("demo", "xor", option, value);
        Assert.That(run.ExitCode, Is.Not.EqualTo(0));
        Assert.That(run.Err, Does.StartWith("error:").And.Contain(named).And.Contain(value));
        Assert.That(run.Out, Is.Empty, "nothing is trained");
    }

    /// <summary>Values that do not parse are refused by the command-line parser, which names option and value.</summary>
    [TestCase("--lr", "abc")]
    [TestCase("--epochs", "many")]
    [TestCase("--seed", "-3")]
    public void UnparsableOptionValuesFailNamingTheValue(string option, string value)
    {
        var run = CliRun.Of("demo", "xor", option, value);
        Assert.That(run.ExitCode, Is.Not.EqualTo(0));
        Assert.That(run.Err, Does.Contain($"'{value}'").And.Contain(option));
        Assert.That(run.Out, Does.Not.Contain("loss"), "nothing is trained");
    }
}
