namespace Grimoire.Tests.Cli;

/// <summary>Unknown commands and options end with a non-zero exit and a message naming the offending word.</summary>
public class UsageErrorTests
{
    [TestCase("frobnicate")]
    [TestCase("demo", "nosuchdemo")]
    [TestCase("kernels", "--bogus")]
    [TestCase("demo", "xor", "--bogus")]
    public void UnknownCommandsAndOptionsFail(params string[] args)
    {
        var run = CliRun.Of(args);
        Assert.That(run.ExitCode, Is.Not.EqualTo(0));
        Assert.That(run.Err, Does.Contain($"'{args[^1]}'"));
    }

    [Test]
    public void NoCommandAtAllFails()
    {
        var run = CliRun.Of();
        Assert.That(run.ExitCode, Is.Not.EqualTo(0));
        Assert.That(run.Err, Does.Contain("command"));
    }

    [TestCase("--n", "0", "--n")]
    [TestCase("--runs", "2", "--runs")]
    [TestCase("--threads", "0", "--threads")]
    [TestCase("--shape", "64x31", "--shape")]
    [TestCase("--shape", "0x5x5", "--shape")]
    [TestCase("--shape", "9000x1x1", "--shape")]
    [TestCase("--shape", "4x-2x3", "--shape")]
    public void BenchRejectsOutOfRangeSizesBeforeTimingAnything(string option, string value, string named)
    {
        var run = CliRun.Of("bench", "gemm", option, value);
        Assert.That(run.ExitCode, Is.Not.EqualTo(0));
        Assert.That(run.Err, Does.Contain(named).And.Contain($"got {value}"));
        Assert.That(run.Out, Does.Not.Contain("GFLOP/s ("), "no timing is reported");
    }

    [TestCase("--ops", "exp,cosh", "'cosh'")]
    [TestCase("--rounds", "0", "got 0")]
    public void BenchMemoryRejectsUnknownOpsAndRoundsBeforeTimingAnything(string option, string value, string named)
    {
        var run = CliRun.Of("bench", "memory", option, value);
        Assert.That(run.ExitCode, Is.Not.EqualTo(0));
        Assert.That(run.Err, Does.Contain(option).And.Contain(named));
        Assert.That(run.Out, Does.Not.Contain("% of triad"), "no timing is reported");
    }
}
