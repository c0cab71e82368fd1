using FsCheck;
using FsCheck.Fluent;
using Grimoire.Kernels;
using Grimoire.Ops;
using Grimoire.Tests.Support;

namespace Grimoire.Tests.Conformance;

/// <summary>Every registered kernel, on every backend, against the reference kernel of its op on random
/// shapes, layouts and values. Driven by the registry: a new kernel is tested with no new test code.
/// Kernels that cannot run here are reported as ignored with the reason, never as passing.</summary>
[TestFixture]
public sealed class KernelConformanceTests
{
    /// <summary>Environment variable: cases per kernel, for long fuzzing runs over random shapes, values and views
    /// (docs/reliability.md); the suite's own counts otherwise.</summary>
    public const string CasesVariable = "GRIMOIRE_FUZZ_OPS";

    private static readonly int? s_requestedCases = int.TryParse(Environment.GetEnvironmentVariable(CasesVariable), out var n) && n > 0 ? n : null;

    private static readonly int CasesPerKernel = s_requestedCases ?? 40;

    // ILGPU's CPU accelerator simulates every GPU thread (about 0.1 s a case); fewer cases keep the suite fast, and a
    // long run gives these kernels a tenth of the requested count.
    private static readonly int CasesPerSimulatedKernel = s_requestedCases / 10 ?? 12;

    // Its group barriers are OS-thread handshakes, so a 4 x 256^3 matmul takes minutes there: simulated matmul and
    // linear cases stay under this many multiply-adds (which still covers every tile edge and a 130x257x67 case).
    private const long SimulatedMultiplyAdds = 1L << 23;

    // A long run is about layouts and values, which small tensors cover: it leaves the large shapes (a tenth of the
    // cases, for the multi-threaded paths) and the larger simulated products to the suite's own runs.
    private const long LongRunElements = 6000;
    private const long LongRunSimulatedMultiplyAdds = 1L << 16;

    public static IEnumerable<TestCaseData> Kernels() => KernelCases.Where(_ => true, "Kernel");

    [TestCaseSource(nameof(Kernels))]
    public void MatchesReference(string op, DType dtype, string variant)
    {
        var kernel = KernelCases.Runnable(op, dtype, variant);
        Assert.That(OpCases.ByOp.ContainsKey(op), $"op '{op}' has no case generator in OpCases");

        var simulated = kernel.Info.Device != Device.Cpu.Backend;
        var generator = OpCases.ByOp[op](dtype);
        var longRun = s_requestedCases is not null;
        if (simulated && op is OpNames.MatMul or OpNames.Linear)
            generator = generator.Where(c => MultiplyAdds(c) <= (longRun ? LongRunSimulatedMultiplyAdds : SimulatedMultiplyAdds));
        if (longRun) generator = generator.Where(c => c.Inputs.Sum(i => (long)i.Shape.Size) <= LongRunElements);
        MatchReference(kernel, generator, simulated ? CasesPerSimulatedKernel : CasesPerKernel);
    }

    /// <summary><paramref name="cases"/> random calls from <paramref name="generator"/> through <paramref name="kernel"/>
    /// against the reference kernel of its op, within the op's tolerance (and a sum's accumulation slack).</summary>
    public static void MatchReference(Kernel kernel, Gen<OpCase> generator, int cases)
    {
        var (op, dtype, variant) = (kernel.Info.Op, kernel.Info.DType, kernel.Info.Variant);
        var ran = 0;
        var property = Prop.ForAll(Arb.From(generator), c =>
        {
            ran++;
            var (actual, expected) = c.AgainstReference(variant, new Device(kernel.Info.Device));
            Assert.That(actual.Shape, Is.EqualTo(expected.Shape), $"output shape of {c}");
            var n = op switch
            {
                OpNames.MatMul or OpNames.Linear => c.Inputs[0].Shape[-1],
                OpNames.Conv2d or OpNames.Conv2dBackwardInput or OpNames.Conv2dBackwardWeight => ConvolutionCases.ReductionLength(c),
                // the normalised row is at most the whole input (a plain case carries no weight naming its length)
                OpNames.LayerNorm => c.Inputs[0].Shape.Size,
                _ => Math.Max(1, c.Inputs[0].Shape.Size / Math.Max(1, expected.Values.Length)),
            };
            Compare.Within(actual.Values, expected.Values, Tolerances.For(op, dtype, n), AccumulationSlack(c, dtype), c.ToString());
        });
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(cases).WithQuietOnSuccess(true), property);
        TestContext.Out.WriteLine($"{kernel.Info}: {ran} random cases match the reference");
    }

    /// <summary>For sums (sum, scatter_add, cumsum) and convolutions, the room <see cref="Tolerances.AccumulationSlack"/>
    /// gives each output: the same op run by the reference on the inputs' magnitudes gives Σ|termᵢ| per output (a
    /// convolution is bilinear with non-negative coefficients, so on |inputs| it sums the terms' magnitudes). A
    /// 1800-term float convolution sum of products near 10 strayed 3.9e-3 from the float64 reference, past the flat
    /// 2e-6 per term; a wrong or missing term is still off by orders more.</summary>
    private static double[]? AccumulationSlack(OpCase c, DType dtype)
    {
        if (c.Op is not (OpNames.Sum or OpNames.ScatterAdd or OpNames.CumSum or OpNames.Conv2d or OpNames.Conv2dBackwardInput or OpNames.Conv2dBackwardWeight)) return null;
        var magnitudes = c with { Inputs = [.. c.Inputs.Select(i => i.DType == DType.Int32 ? i : i.WithValues([.. i.Values.Select(Math.Abs)]))] };
        using var reference = KernelRegistry.Force("*", KernelRegistry.ReferenceVariant);
        return [.. magnitudes.Run().Values.Select(m => Tolerances.AccumulationSlack(dtype, m))];
    }

    /// <summary>Rows of A times the elements of B: exact for unbatched B, an upper bound when both are batched.</summary>
    private static long MultiplyAdds(OpCase c) =>
        c.Inputs[0].Shape.Size / Math.Max(1, c.Inputs[0].Shape[-1]) * (long)c.Inputs[1].Shape.Size;

    [Test]
    public void EveryKernelOpHasCasesAndAReference()
    {
        var all = KernelRegistry.All;
        foreach (var op in OpNames.All)
        {
            Assert.That(OpCases.ByOp.ContainsKey(op), $"op '{op}' has no case generator");
            var dtypes = all.Where(k => k.Info.Op == op).Select(k => k.Info.DType).Distinct().ToList();
            Assert.That(dtypes, Is.Not.Empty, $"op '{op}' has no kernels");
            foreach (var dtype in dtypes)
                Assert.That(all.Any(k => k.Info.Op == op && k.Info.DType == dtype && k.Info.IsReference), $"op '{op}' has no reference kernel for {dtype.Name()}");
        }
        Assert.That(all.Select(k => k.Info.Op).Distinct(), Is.SubsetOf(OpNames.All), "a kernel is registered for an op OpNames does not list");
    }

    [Test]
    public void EveryFloat32ComputeOpHasAvx512AndAvx2Kernels()
    {
        foreach (var op in OpNames.All.Except(OpNames.IsaIndependent))
        {
            foreach (var variant in new[] { "avx512", "avx2" })
                Assert.That(KernelRegistry.All.Any(k => k.Info.Op == op && k.Info.DType == DType.Float32 && k.Info.Variant == variant), $"{op} lacks a {variant} kernel");
        }
    }
}
