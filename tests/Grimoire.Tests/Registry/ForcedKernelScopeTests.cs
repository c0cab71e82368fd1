using Grimoire.Kernels;
using Grimoire.Ops;

namespace Grimoire.Tests.Registry;

/// <summary>KernelRegistry.Force beyond the basic scope (covered in <see cref="KernelRegistryTests"/>): wildcards,
/// nesting, double disposal, async flows, forcing a kernel object, and an op refusing a missing forced kernel.</summary>
public class ForcedKernelScopeTests
{
    private static string Variant(string op, DType dtype = DType.Float32) => KernelRegistry.Resolve(op, Device.Cpu, dtype).Info.Variant;

    [SetUp]
    public void NoEnvironmentOverridesAndAvx2()
    {
        Assume.That(KernelRegistry.EnvironmentOverrides, Is.EqualTo("(none)"), $"{KernelRegistry.EnvironmentVariable} is set for this run");
        Assume.That(IsaSupport.IsSupported(Isa.Avx2), "these tests force the avx2 kernels");
    }

    [Test]
    public void WildcardForcesEveryOpThatHasTheVariantAndLeavesTheOthers()
    {
        var copy = Variant(OpNames.Copy);
        var float64MatMul = Variant(OpNames.MatMul, DType.Float64);
        using (KernelRegistry.Force("*", "avx2"))
        {
            Assert.That(Variant(OpNames.Exp), Is.EqualTo("avx2"));
            Assert.That(Variant(OpNames.MatMul), Is.EqualTo("avx2"));
            Assert.That(Variant(OpNames.Copy), Is.EqualTo(copy), "copy has no avx2 kernel");
            Assert.That(Variant(OpNames.MatMul, DType.Float64), Is.EqualTo(float64MatMul), "f64 has no avx2 kernel: its usual one stays");
        }
        using (KernelRegistry.Force("*", KernelRegistry.ReferenceVariant))
        {
            foreach (var op in OpNames.All) Assert.That(Variant(op), Is.EqualTo(KernelRegistry.ReferenceVariant), op);
        }
    }

    [Test]
    public void NestedForcesRestoreTheOuterOne()
    {
        var normal = Variant(OpNames.MatMul);
        using (KernelRegistry.Force("*", "avx2"))
        {
            using (KernelRegistry.Force(OpNames.MatMul, KernelRegistry.ReferenceVariant))
            {
                Assert.That(Variant(OpNames.MatMul), Is.EqualTo(KernelRegistry.ReferenceVariant), "the op-specific entry wins over the wildcard");
                Assert.That(Variant(OpNames.Exp), Is.EqualTo("avx2"));
            }
            Assert.That(Variant(OpNames.MatMul), Is.EqualTo("avx2"));
        }
        Assert.That(Variant(OpNames.MatMul), Is.EqualTo(normal));
    }

    [Test]
    public void DisposingAHandleTwiceRestoresOnce()
    {
        var normal = Variant(OpNames.Exp);
        using var outer = KernelRegistry.Force(OpNames.Exp, "avx2");
        var inner = KernelRegistry.Force(OpNames.Exp, KernelRegistry.ReferenceVariant);
        inner.Dispose();
        inner.Dispose();
        Assert.That(Variant(OpNames.Exp), Is.EqualTo("avx2"));
        outer.Dispose();
        Assert.That(Variant(OpNames.Exp), Is.EqualTo(normal));
    }

    [Test]
    public void ForcingIsScopedToTheAsyncFlow()
    {
        var normal = Variant(OpNames.MatMul);
        var insideTask = Task.Run(() =>
        {
            KernelRegistry.Force(OpNames.MatMul, KernelRegistry.ReferenceVariant); // never disposed: must not leak out
            return Variant(OpNames.MatMul);
        }).Result;
        Assert.That(insideTask, Is.EqualTo(KernelRegistry.ReferenceVariant));
        Assert.That(Variant(OpNames.MatMul), Is.EqualTo(normal), "a force inside a task does not reach its caller");

        using (KernelRegistry.Force(OpNames.MatMul, "avx2"))
        {
            Assert.That(Task.Run(() => Variant(OpNames.MatMul)).Result, Is.EqualTo("avx2"), "tasks started inside the scope inherit it");
        }
    }

    [Test]
    public void AnOpWhoseForcedVariantDoesNotExistRefusesToRun()
    {
        using var scope = new TensorScope(); // also releases the output the op allocated before failing
        using var forced = KernelRegistry.Force(OpNames.MatMul, "avx9000");
        var a = Tensor.Ones(new Shape(2, 2));
        var e = Assert.Throws<KernelNotFoundException>(() => a.MatMul(a));
        Assert.That(e!.Message, Does.Contain("matmul:avx9000").And.Contain("reference"), "names the forced kernel and lists the registered ones");
    }

    [Test]
    public void ForcingAKernelObjectSelectsExactlyIt()
    {
        var avx2 = KernelRegistry.All.Single(k => k.Info.Op == OpNames.Softmax && k.Info.DType == DType.Float32 && k.Info.Variant == "avx2");
        using (KernelRegistry.Force(avx2))
            Assert.That(KernelRegistry.Resolve(OpNames.Softmax, Device.Cpu, DType.Float32), Is.SameAs(avx2));
    }
}
