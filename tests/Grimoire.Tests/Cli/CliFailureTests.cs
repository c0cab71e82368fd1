namespace Grimoire.Tests.Cli;

/// <summary>Every failure of the command line is one `error: …` line and exit code 1, whatever failed: a malformed
/// environment variable read at start-up, an unwritable output path, a forced kernel of another device.</summary>
public class CliFailureTests
{
    [TestCase("garbage")]
    [TestCase("matmul:avx2,nosuchop:reference")]
    public void MalformedKernelOverridesAreOneErrorLine(string spec)
    {
        var run = CliProcess.Run(new Dictionary<string, string> { ["GRIMOIRE_KERNELS"] = spec }, "demo", "xor", "--epochs", "5");
        Assert.That(run.ExitCode, Is.EqualTo(1), run.Err);
        Assert.That(run.Err.Trim().Split('\n'), Has.Length.EqualTo(1), run.Err);
        Assert.That(run.Err, Does.StartWith("error: ").And.Contain("GRIMOIRE_KERNELS").And.Not.Contain("TypeInitializationException"));
    }

    [Test]
    public void ModelOutputIntoAMissingDirectoryIsOneErrorLine()
    {
        var missing = Path.Combine(Path.GetTempPath(), $"grimoire-missing-{Guid.NewGuid():N}", "m.model");
        var run = CliProcess.Run(new Dictionary<string, string>(), "fit", "ridge", "--data", "diabetes", "--target", "progression", "--out", missing);
        Assert.That(run.ExitCode, Is.EqualTo(1), run.Err);
        Assert.That(run.Err.Trim().Split('\n'), Has.Length.EqualTo(1), run.Err);
        Assert.That(run.Err, Does.StartWith("error: ").And.Contain(Path.GetDirectoryName(missing)!));
    }

    [Test]
    public void BenchOfAKernelOfAnotherDeviceSaysSoInsteadOfRunningAnother()
    {
        var run = CliRun.Of("bench", "gemm", "--kernel", "ilgpu", "--n", "64");
        Assert.That(run.ExitCode, Is.EqualTo(1));
        Assert.That(run.Out, Does.Not.Contain("native").And.Not.Contain("avx"), "no other kernel was timed");
        Assert.That(run.Err, Does.StartWith("error: ").And.Contain("matmul:ilgpu").And.Contain("gpu"));
    }
}
