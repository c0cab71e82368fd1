using Grimoire.Cpu;
using Grimoire.Kernels;

namespace Grimoire.Tests.Cli;

/// <summary>What `info` and `kernels` print, line by line (CliTests checks the exit codes and the main words).</summary>
public class InfoAndKernelsCommandTests
{
    [Test]
    public void InfoPrintsVersionInstructionSetsAndThreads()
    {
        var run = CliRun.Of("info");
        Assert.That(run.ExitCode, Is.EqualTo(0), run.Err);
        Assert.That(run.Err, Is.Empty);
        var version = typeof(Tensor).Assembly.GetName().Version!.ToString(3);
        Assert.That(run.Out, Does.StartWith($"GrimoireEngine {version}"));
        Assert.That(run.OutLines, Has.Some.StartsWith("threads:").And.Contains($" {CpuParallel.Threads} "));
        var widest = Enum.GetValues<Isa>().Where(IsaSupport.IsSupported).Max();
        Assert.That(run.OutLines, Has.Some.EqualTo($"widest kernel ISA usable: {widest.Name()}"));
        foreach (var (name, supported) in IsaSupport.Features())
            Assert.That(run.OutLines, Has.Some.Match($"^{System.Text.RegularExpressions.Regex.Escape(name)} +{(supported ? "yes" : "no")}$"), name);
        Assert.That(run.OutLines, Has.Some.EqualTo($"caches:    {CpuCaches.Current}"));
        Assert.That(run.OutLines, Has.Some.Match(@"^gemm scalar +4x4 tile, Kc \d+, Mc \d+, Nc \d+$"), "the scalar GEMM runs everywhere");
    }

    [Test]
    public void KernelsListsEveryMatMulVariantAndMarksTheSelectedOne()
    {
        var run = CliRun.Of("kernels", "--op", "matmul");
        Assert.That(run.ExitCode, Is.EqualTo(0), run.Err);
        var rows = run.OutLines.Where(l => l.StartsWith("matmul ")).Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries)).ToList();
        var f32 = rows.Where(r => r[1] == "f32").Select(r => r[2]).ToList();
        Assert.That(f32, Is.SupersetOf(new[] { "reference", "avx512", "avx2" }));
        Assert.That(rows.Select(r => r[0]), Is.All.EqualTo("matmul"), "--op filters the listing");
        var selected = rows.Where(r => r[1] == "f32" && r[4] == "cpu" && r[^1] == "selected").ToList();
        Assert.That(selected, Has.Count.EqualTo(1), "exactly one f32 matmul kernel is selected for the cpu device");
        Assert.That(selected[0][2], Is.EqualTo(KernelRegistry.Resolve("matmul", Device.Cpu, DType.Float32).Info.Variant));
        Assert.That(run.OutLines[^1], Does.Match(@"^\d+ kernels for 1 ops; \d+ usable here\.$"));
    }

    [Test]
    public void KernelsListsTheDecompositionOfAnOpThatDeclaresOne()
    {
        var run = CliRun.Of("kernels", "--op", "layer_norm");
        Assert.That(run.ExitCode, Is.EqualTo(0), run.Err);
        Assert.That(run.OutLines.Where(l => l.StartsWith("layer_norm ") && l.Contains(" decomposed ") && l.Contains("fallback")), Has.Exactly(1).Items);
    }

    [Test]
    public void KernelsWithoutAFilterListsEveryOp()
    {
        var run = CliRun.Of("kernels");
        Assert.That(run.ExitCode, Is.EqualTo(0), run.Err);
        var ops = run.OutLines.Skip(1).SkipLast(1).Select(l => l.Split(' ', 2)[0]).Distinct();
        Assert.That(ops, Is.EquivalentTo(Ops.OpNames.All));
    }
}
