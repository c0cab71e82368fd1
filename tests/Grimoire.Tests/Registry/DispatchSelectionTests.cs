using Grimoire.Kernels;
using Grimoire.Ops;

namespace Grimoire.Tests.Registry;

/// <summary>Which kernels dispatch picks on this machine (the priority rule itself is in <see cref="KernelRegistryTests"/>),
/// and how a missing or unusable kernel is reported.</summary>
public class DispatchSelectionTests
{
    [SetUp]
    public void NoEnvironmentOverrides() =>
        Assume.That(KernelRegistry.EnvironmentOverrides, Is.EqualTo("(none)"), $"{KernelRegistry.EnvironmentVariable} is set for this run");

    [Test]
    public void Float32ComputeOpsRunTheWidestSimdKernelThisMachineSupports()
    {
        var expected = IsaSupport.IsSupported(Isa.Avx512) ? "avx512" : IsaSupport.IsSupported(Isa.Avx2) ? "avx2" : null;
        if (expected is null) Assert.Ignore("no SIMD kernels can run here");
        foreach (var op in OpNames.All.Except(OpNames.IsaIndependent))
            Assert.That(KernelRegistry.Resolve(op, Device.Cpu, DType.Float32).Info.Variant, Is.EqualTo(expected), op);
    }

    /// <summary>Float64 has fast kernels only for what the classical models run at scale, for the elementwise
    /// functions (TensorPrimitives or the reference's own functions without its index arithmetic) and for the convolutions
    /// (their unfold + float64 GEMM decomposition); every other op stays on the reference.</summary>
    [Test]
    public void Float64OpsRunTheBlockedKernelWhereThereIsOneElseTheReference()
    {
        string[] blocked = [OpNames.MatMul, OpNames.Add, OpNames.Sub, OpNames.Mul, OpNames.Div, OpNames.Sum,
            OpNames.Neg, OpNames.Exp, OpNames.Log, OpNames.Sqrt, OpNames.Abs, OpNames.Tanh, OpNames.Sigmoid, OpNames.Relu,
            OpNames.LayerNorm, OpNames.NormalLogProb, OpNames.CategoricalLogProb, OpNames.AdamUpdate,
            OpNames.Minimum, OpNames.Sin, OpNames.Cos, OpNames.Log1p, OpNames.Expm1, OpNames.Erf, OpNames.Gelu, OpNames.Silu, OpNames.Softplus, OpNames.Clamp,
            .. OpNames.Convolution];
        foreach (var op in OpNames.All.Except(OpNames.IsaIndependent))
        {
            var kernel = KernelRegistry.Resolve(op, Device.Cpu, DType.Float64).Info;
            Assert.That(kernel.Variant, Is.EqualTo(blocked.Contains(op) ? "blocked" : KernelRegistry.ReferenceVariant), op);
        }
    }

    [Test]
    public void AnOpWithoutAKernelForTheDTypeIsReportedByName()
    {
        var e = Assert.Throws<KernelNotFoundException>(() => KernelRegistry.Resolve(OpNames.Exp, Device.Cpu, DType.Int32));
        Assert.That(e!.Message, Does.Contain("'exp'").And.Contain("i32"));
    }

    [Test]
    public void AKernelIsUnusableWhenItsAvailabilityCheckSaysSo()
    {
        var info = new KernelInfo("exp", "test", DType.Float32, "test", Isa.None, 100) { Unavailable = () => "no device attached" };
        Assert.That(info.IsUsable, Is.False);
        Assert.That(info.UnavailableReason, Is.EqualTo("no device attached"));
        Assert.That((info with { Unavailable = null }).IsUsable, Is.True);
    }
}
