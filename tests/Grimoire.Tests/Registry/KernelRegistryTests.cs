using Grimoire.Kernels;
using Grimoire.Ops;

namespace Grimoire.Tests.Registry;

public class KernelRegistryTests
{
    private static Kernel Resolved(string op, DType dtype = DType.Float32) => KernelRegistry.Resolve(op, Device.Cpu, dtype);

    [Test]
    public void DispatchPicksTheHighestPriorityUsableKernel()
    {
        foreach (var op in OpNames.All)
        {
            var candidates = KernelRegistry.All.Where(k => k.Info.Op == op && k.Info.DType == DType.Float32 && k.Info.Device == "cpu" && k.Info.IsUsable).ToList();
            Assert.That(Resolved(op).Info.Priority, Is.EqualTo(candidates.Max(k => k.Info.Priority)), op);
        }
    }

    [Test]
    public void ForcingIsScopedAndRestored()
    {
        var normal = Resolved(OpNames.Exp);
        using (KernelRegistry.Force(OpNames.Exp, KernelRegistry.ReferenceVariant))
        {
            Assert.That(Resolved(OpNames.Exp).Info.Variant, Is.EqualTo(KernelRegistry.ReferenceVariant));
            Assert.That(Resolved(OpNames.Log), Is.SameAs(KernelRegistry.Resolve(OpNames.Log, Device.Cpu, DType.Float32)), "other ops are untouched");
        }
        Assert.That(Resolved(OpNames.Exp), Is.SameAs(normal));
    }

    [Test]
    public void ForcedKernelActuallyRuns()
    {
        // The reference computes exp in double and rounds once; the SIMD polynomial may differ in the last bit.
        using var scope = new TensorScope();
        var x = Tensor.FromArray(Enumerable.Range(0, 64).Select(i => i * 0.37f - 11f).ToArray());
        float[] reference;
        using (KernelRegistry.Force(OpNames.Exp, KernelRegistry.ReferenceVariant)) reference = x.Exp().ToArray<float>();
        Assert.That(reference, Is.EqualTo(x.ToArray<float>().Select(v => (float)Math.Exp(v)).ToArray()));
    }

    [Test]
    public void ForcingAnUnknownOpIsRefusedAtOnce()
    {
        var e = Assert.Throws<KernelNotFoundException>(() => KernelRegistry.Force("matmull", "avx2"));
        Assert.That(e!.Message, Does.Contain("'matmull'").And.Contain("matmul"));
        Assert.Throws<KernelNotFoundException>(() => KernelRegistry.Force(OpNames.MatMul, " "));
    }

    [Test]
    public void ForcingAnUnknownVariantNamesOpAndVariant()
    {
        using var forced = KernelRegistry.Force(OpNames.MatMul, "nonesuch");
        var e = Assert.Throws<KernelNotFoundException>(() => Resolved(OpNames.MatMul));
        Assert.That(e!.Message, Does.Contain("matmul:nonesuch").And.Contain("avx512"));
    }

    [TestCase("matmul:avx2", "matmul", "avx2", false)]
    [TestCase(" matmul : avx2 , *:reference", "exp", "reference", true)]
    [TestCase("*:reference,exp:avx2", "exp", "avx2", false)]
    public void EnvironmentSpecParses(string spec, string op, string variant, bool wildcard) =>
        Assert.That(KernelOverrides.Parse(spec).VariantFor(op), Is.EqualTo((variant, wildcard)));

    [TestCase("matmul")]
    [TestCase("matmul:")]
    [TestCase(":avx2")]
    public void MalformedEnvironmentSpecIsRejectedWithTheEntry(string spec)
    {
        var e = Assert.Throws<KernelNotFoundException>(() => KernelOverrides.Parse(spec));
        Assert.That(e!.Message, Does.Contain(spec.Trim()).And.Contain(KernelRegistry.EnvironmentVariable));
    }

    [Test]
    public void EmptySpecForcesNothing() => Assert.That(KernelOverrides.Parse("  ").VariantFor("exp"), Is.Null);
}
