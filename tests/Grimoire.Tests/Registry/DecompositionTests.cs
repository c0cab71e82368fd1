using FsCheck;
using FsCheck.Fluent;
using Grimoire.Diagnostics;
using Grimoire.Kernels;
using Grimoire.Ops;
using Grimoire.Tests.Conformance;
using Grimoire.Tests.Support;

namespace Grimoire.Tests.Registry;

/// <summary>An op without a usable kernel runs its declared decomposition into primitives, and the result equals its fused
/// kernel's; a forced kernel is never replaced by it.</summary>
public class DecompositionTests
{
    private static IEnumerable<TestCaseData> DecomposableOps() =>
        OpNames.All.Where(KernelRegistry.HasDecomposition).SelectMany(op => new[] { DType.Float32, DType.Float64 }
            .Select(dtype => new TestCaseData(op, dtype).SetName($"Without kernels {op} {dtype.Name()} runs its decomposition, equal to its kernel")));

    [SetUp]
    public void NoEnvironmentOverrides() =>
        Assume.That(KernelRegistry.EnvironmentOverrides, Is.EqualTo("(none)"), $"{KernelRegistry.EnvironmentVariable} is set for this run");

    [TestCaseSource(nameof(DecomposableOps))]
    public void AnOpWithoutKernelsRunsItsDecompositionWhichMatchesTheKernel(string op, DType dtype)
    {
        var generator = OpCases.ByOp[op](dtype);
        var tolerance = dtype == DType.Float64 ? new Tolerances.Tolerance(1e-9, 1e-9) : Scaled(Tolerances.For(op, dtype, 300), 10);
        // The decomposition's mean of a layer_norm row is off by its sum's rounding (exactly 0 for a constant, broadcast row
        // in the fused kernels, SimdFused.LayerNorm), which 1/σ magnifies, at most 1/√ε: compare at ε = 0.1.
        if (op == OpNames.LayerNorm) generator = generator.Where(c => c.Call.Contains("eps 0.1"));
        var property = Prop.ForAll(Arb.From(generator), c =>
        {
            // In float32 that rounding grows like √n·u·100 over a row of n values near 100 (u = 6e-8), over σ ≥ √0.1: about
            // 2e-5·√n, several times 1e-3 for the generator's longest rows (~140 000 values).
            var caseTolerance = op == OpNames.LayerNorm && dtype == DType.Float32
                ? new Tolerances.Tolerance(Math.Max(1e-3, 2e-5 * Math.Sqrt(c.Inputs[0].Values.Length)), 1e-4)
                : tolerance;
            var fused = c.Run();
            (Shape Shape, double[] Values) decomposed;
            IReadOnlyList<OpProfile.Entry> entries;
            using (KernelRegistry.Withhold(op))
            using (var profile = OpProfile.Start())
            {
                decomposed = c.Run();
                entries = profile.Entries;
            }
            Assert.That(entries.Where(e => e.Op == op).Select(e => e.Variant), Is.EqualTo(new[] { KernelRegistry.DecomposedVariant }), $"variants of {op} that ran for {c}");
            Assert.That(decomposed.Shape, Is.EqualTo(fused.Shape));
            Compare.Within(decomposed.Values, fused.Values, caseTolerance, null, c.ToString());
        });
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(25).WithQuietOnSuccess(true), property);
    }

    private static Tolerances.Tolerance Scaled(Tolerances.Tolerance t, double factor) => new(t.Absolute * factor, t.Relative * factor);

    [Test]
    public void ResolutionWithoutKernelsGivesTheDecompositionOnTheTensorsDevice()
    {
        using var withheld = KernelRegistry.Withhold(OpNames.LayerNorm);
        var kernel = KernelRegistry.Resolve(OpNames.LayerNorm, Device.Cpu, DType.Float32).Info;
        Assert.That((kernel.Variant, kernel.Device), Is.EqualTo((KernelRegistry.DecomposedVariant, "cpu")));
    }

    [Test]
    public void AForcedKernelIsNeverReplacedByTheDecomposition()
    {
        using var scope = new TensorScope();
        var x = Tensor.Ones(new Shape(2, 3));
        using var withheld = KernelRegistry.Withhold(OpNames.Softmax);
        using var forced = KernelRegistry.Force(OpNames.Softmax, "avx2");
        var e = Assert.Throws<KernelNotFoundException>(() => x.Softmax());
        Assert.That(e!.Message, Does.Contain("softmax:avx2").And.Contain("withheld"));
    }

    [Test]
    public void ForcingTheDecompositionOfAnOpThatDeclaresNoneIsAnError()
    {
        using var forced = KernelRegistry.Force(OpNames.Exp, KernelRegistry.DecomposedVariant);
        var e = Assert.Throws<KernelNotFoundException>(() => KernelRegistry.Resolve(OpNames.Exp, Device.Cpu, DType.Float32));
        Assert.That(e!.Message, Does.Contain("'exp' declares no decomposition"));
    }

    [Test]
    public void AnOpWithoutKernelsOrDecompositionIsReportedByName()
    {
        using var withheld = KernelRegistry.Withhold(OpNames.Exp);
        var e = Assert.Throws<KernelNotFoundException>(() => KernelRegistry.Resolve(OpNames.Exp, Device.Cpu, DType.Float32));
        Assert.That(e!.Message, Does.Contain("'exp'").And.Contain("declares no decomposition"));
    }

    [Test]
    public void AWildcardForceFallsBackToTheDecompositionOfAnOpWithoutKernels()
    {
        using var withheld = KernelRegistry.Withhold(OpNames.Mse);
        using var forced = KernelRegistry.Force("*", KernelRegistry.ReferenceVariant);
        Assert.That(KernelRegistry.Resolve(OpNames.Mse, Device.Cpu, DType.Float64).Info.Variant, Is.EqualTo(KernelRegistry.DecomposedVariant));
    }

    [Test]
    public void GradientsThroughADecomposedOpAreThoseOfTheOp()
    {
        double[] Gradient(bool decomposed)
        {
            using var scope = new TensorScope();
            using var withheld = decomposed ? KernelRegistry.Withhold(OpNames.LayerNorm) : null;
            var x = Tensor.FromArray(new[] { 1.0, 2.5, -1, 4, 0.5, 3 }).Reshape(2, 3);
            x.RequiresGrad = true;
            (x.LayerNorm(new Shape(3)).Tanh()).Sum().Backward();
            return x.Grad!.ToDoubleArray();
        }
        Assert.That(Gradient(decomposed: true), Is.EqualTo(Gradient(decomposed: false)).Within(1e-12));
    }
}
