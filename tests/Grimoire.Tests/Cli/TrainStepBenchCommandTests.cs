namespace Grimoire.Tests.Cli;

/// <summary>`bench train-step --profile`: both networks report a step time, and each is followed by a table of
/// kernel time per phase and op whose shares are sensible (nothing about the times themselves is checked).</summary>
public class TrainStepBenchCommandTests
{
    [Test]
    public void ProfilePrintsAPhaseTableAfterEachNetwork()
    {
        var run = CliRun.Of("bench", "train-step", "--threads", "1", "--profile");
        Assert.That(run.ExitCode, Is.EqualTo(0), run.Err);
        var lines = run.OutLines;
        Assert.That(lines.Count(l => l.Contains(" ms per step at 1 threads")), Is.EqualTo(2), run.Out);
        Assert.That(lines.Count(l => l.StartsWith("phase ")), Is.EqualTo(2), "one table per network");
        Assert.That(lines.Count(l => l.StartsWith("kernel time ")), Is.EqualTo(2));
        var cnnRows = lines.SkipWhile(l => !l.StartsWith("cnn ")).Skip(2).TakeWhile(l => !l.StartsWith("kernel time")).ToList();
        Assert.That(cnnRows, Has.Some.Match(@"^forward\s+max_pool2d\s"), "the CNN pools with the max_pool2d op");
        Assert.That(cnnRows, Has.Some.Match(@"^backward\s+max_pool2d_backward\s"));
        Assert.That(cnnRows, Has.Some.Match(@"^optimizer\s"));
        var shares = cnnRows.Select(l => double.Parse(l.Split(' ', StringSplitOptions.RemoveEmptyEntries)[^2], System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.That(shares.Sum(), Is.EqualTo(100).Within(1.5), "shares of the kernel time add up to 100 %");
    }

    [Test]
    public void JsonLeavesTheProfileOut()
    {
        var run = CliRun.Of("bench", "train-step", "--threads", "1", "--json", "--profile");
        Assert.That(run.ExitCode, Is.EqualTo(0), run.Err);
        Assert.That(run.OutLines, Has.Length.EqualTo(2));
        Assert.That(run.OutLines, Has.All.StartsWith("{\"model\":"));
    }
}
