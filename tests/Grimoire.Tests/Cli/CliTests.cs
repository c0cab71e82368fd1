namespace Grimoire.Tests.Cli;

/// <summary>Errors and output of `kernels --op` and `bench gemm` not covered by the per-command tests.</summary>
public class CliTests
{
    [Test]
    public void UnknownOpIsAnErrorNamingIt()
    {
        var run = CliRun.Of("kernels", "--op", "nosuchop");
        Assert.That(run.ExitCode, Is.Not.Zero);
        Assert.That(run.Err, Does.Contain("nosuchop"));
    }

    [Test]
    public void BenchGemmWithAnUnknownKernelNamesIt()
    {
        var run = CliRun.Of("bench", "gemm", "--kernel", "nonesuch", "--n", "8");
        Assert.That(run.ExitCode, Is.Not.Zero);
        Assert.That(run.Err, Does.Contain("matmul:nonesuch"));
    }

    [Test]
    public void BenchGemmJsonHasTheReproducibleFields()
    {
        var run = CliRun.Of("bench", "gemm", "--n", "32", "--threads", "1", "--runs", "5", "--json");
        Assert.That(run.ExitCode, Is.Zero);
        using var json = System.Text.Json.JsonDocument.Parse(run.Out);
        foreach (var field in new[] { "n", "threads", "kernel", "gflops" })
            Assert.That(json.RootElement.TryGetProperty(field, out _), field);
        Assert.That(json.RootElement.GetProperty("gflops").GetDouble(), Is.GreaterThan(0));
    }

    [Test]
    public void BenchGemmShapeTimesThatProductAndReportsItsSizes()
    {
        var run = CliRun.Of("bench", "gemm", "--shape", "3x5x7", "--threads", "1", "--runs", "5", "--json");
        Assert.That(run.ExitCode, Is.Zero, run.Err);
        using var json = System.Text.Json.JsonDocument.Parse(run.Out);
        Assert.That((json.RootElement.GetProperty("m").GetInt32(), json.RootElement.GetProperty("k").GetInt32(), json.RootElement.GetProperty("n").GetInt32()), Is.EqualTo((3, 5, 7)));
        Assert.That(json.RootElement.GetProperty("gflops").GetDouble(), Is.GreaterThan(0));
    }
}
