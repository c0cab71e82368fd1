using Grimoire.Cli;

namespace Grimoire.Tests.Cli;

/// <summary>The grimoire command run in-process: exit codes and what it prints.</summary>
public class CliTests
{
    private static (int Code, string Out, string Err) Run(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var code = GrimoireCli.Run(args, stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }

    [Test]
    public void InfoShowsVersionInstructionSetsAndThreads()
    {
        var (code, output, _) = Run("info");
        Assert.That(code, Is.Zero);
        Assert.That(output, Does.Contain("GrimoireEngine").And.Contain("AVX2").And.Contain("threads:"));
    }

    [Test]
    public void KernelsListsReferenceAndBothSimdVariantsForMatMul()
    {
        var (code, output, _) = Run("kernels", "--op", "matmul");
        Assert.That(code, Is.Zero);
        var lines = output.Split('\n').Where(l => l.StartsWith("matmul")).ToList();
        foreach (var variant in new[] { "reference", "avx2", "avx512" })
            Assert.That(lines, Has.Some.Contains($" {variant} "), variant);
    }

    [Test]
    public void UnknownOpIsAnErrorNamingIt()
    {
        var (code, _, error) = Run("kernels", "--op", "nosuchop");
        Assert.That(code, Is.Not.Zero);
        Assert.That(error, Does.Contain("nosuchop"));
    }

    [Test]
    public void XorDemoFitsWithTheMlpAndNotWithALinearModel()
    {
        var (code, output, _) = Run("demo", "xor");
        Assert.That(code, Is.Zero, output);
        Assert.That(output, Does.Contain("x = (0, 1)  target 1"));
        Assert.That(output, Does.Contain("MLP: 4/4 correct"));
        Assert.That(output, Does.Match(@"linear: [0-3]/4 correct"));
    }

    [TestCase("demo", "xor", "--epochs", "-5")]
    [TestCase("demo", "xor", "--lr", "abc")]
    [TestCase("demo", "nosuchdemo")]
    [TestCase("bench", "gemm", "--n", "0")]
    [TestCase("bench", "gemm", "--kernel", "nonesuch", "--n", "8")]
    public void BadArgumentsExitNonZeroWithAMessage(params string[] args)
    {
        var (code, _, error) = Run(args);
        Assert.That(code, Is.Not.Zero);
        Assert.That(error, Is.Not.Empty);
    }

    [Test]
    public void BenchGemmJsonHasTheReproducibleFields()
    {
        var (code, output, _) = Run("bench", "gemm", "--n", "32", "--threads", "1", "--runs", "5", "--json");
        Assert.That(code, Is.Zero);
        using var json = System.Text.Json.JsonDocument.Parse(output);
        foreach (var field in new[] { "n", "threads", "kernel", "gflops" })
            Assert.That(json.RootElement.TryGetProperty(field, out _), field);
        Assert.That(json.RootElement.GetProperty("gflops").GetDouble(), Is.GreaterThan(0));
    }
}
