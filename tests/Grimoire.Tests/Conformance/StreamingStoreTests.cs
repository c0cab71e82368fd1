using Grimoire.Cpu.Simd;
using Grimoire.Kernels;
using Grimoire.Ops;
using Grimoire.Tests.Support;

namespace Grimoire.Tests.Conformance;

/// <summary>Outputs past <see cref="StreamingStores.ThresholdBytes"/> take the non-temporal store path, which
/// the random shapes of the conformance suite never reach. Operands start one element past an aligned
/// address so the scalar head that aligns the output runs too.</summary>
public class StreamingStoreTests
{
    private static readonly int Large = (int)(StreamingStores.ThresholdBytes / sizeof(float)) + 37;

    private static IEnumerable<TestCaseData> Variants() =>
        KernelCases.UsableCpuVariants(OpNames.Add).Select(v => new TestCaseData(v).SetName($"Streaming stores {v}"));

    [TestCaseSource(nameof(Variants))]
    public void LargeUnaryAndBinaryOutputsMatchTheReference(string variant)
    {
        using var scope = new TensorScope();
        var x = Tensor.RandU(new Shape(Large + 1), -2, 2, new Rng(5)).Slice(0, 1, Large + 1);
        var z = Tensor.RandU(new Shape(Large), -2, 2, new Rng(6));
        var row = Tensor.RandU(new Shape(1), -2, 2, new Rng(7));
        (Tensor Exp, Tensor Add, Tensor Mul) Run() => (x.Exp(), x + z, x * row);

        var expected = Ran(KernelRegistry.ReferenceVariant, Run);
        var actual = Ran(variant, Run);
        Assert.That(actual.Add.ToArray<float>(), Is.EqualTo(expected.Add.ToArray<float>()));
        Assert.That(actual.Mul.ToArray<float>(), Is.EqualTo(expected.Mul.ToArray<float>()));
        var (e, a) = (expected.Exp.ToArray<float>(), actual.Exp.ToArray<float>());
        for (var i = 0; i < e.Length; i++)
            if (Math.Abs(e[i] - a[i]) > 3e-7 * Math.Abs(e[i])) Assert.Fail($"exp element {i}: {a[i]} vs reference {e[i]}");
    }

    private static T Ran<T>(string variant, Func<T> run)
    {
        using var exp = KernelRegistry.Force(OpNames.Exp, variant);
        using var add = KernelRegistry.Force(OpNames.Add, variant);
        using var mul = KernelRegistry.Force(OpNames.Mul, variant);
        return run();
    }
}
