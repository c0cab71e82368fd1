using Grimoire.Kernels;
using Grimoire.Ops;

namespace Grimoire.Tests.MemorySafety;

/// <summary>The reported cases of matmul with a broadcast (stride-0) operand, on every usable matmul kernel: they gave
/// values read from outside the buffer (6, 6, 9.4e10, …), gradients of 1e11, and a SIGSEGV.</summary>
[TestFixture]
public sealed class MatMulBroadcastRegressionTests
{
    public static IEnumerable<TestCaseData> Variants() =>
        KernelRegistry.All
            .Where(k => k.Info.Op == OpNames.MatMul && k.Info.Device == "cpu" && k.Info.IsUsable && !k.Info.IsReference)
            .Select(k => new TestCaseData(k.Info.Variant, k.Info.DType).SetName($"Broadcast operand through matmul:{k.Info.Variant} {k.Info.DType.Name()}"));

    [TestCaseSource(nameof(Variants))]
    public void BroadcastRowsGiveTheProductOfTheRow(string variant, DType dtype)
    {
        using var scope = new TensorScope();
        using var forced = KernelRegistry.Force(OpNames.MatMul, variant);
        var row = Tensor.FromArray(new double[] { 1, 2, 3 }, new Shape(1, 3)).To(dtype);
        Assert.That(row.Expand(4, 3).MatMul(Tensor.Ones(new Shape(3, 2), dtype)).ToDoubleArray(), Is.All.EqualTo(6.0));

        var x = Tensor.FromArray(new double[] { 1, 2, 3 }, new Shape(1, 3)).To(dtype);
        x.RequiresGrad = true;
        x.Expand(4, 3).MatMul(Tensor.Ones(new Shape(3, 2), dtype)).Sum().Backward();
        Assert.That(x.Grad!.ToDoubleArray(), Is.All.EqualTo(8.0), "each of the 4 rows passes 2 ones back to x");
    }

    // The reported SIGSEGV: 256 MB once the broadcast operand is copied, so float32 kernels only.
    public static IEnumerable<TestCaseData> Float32Variants() => Variants().Where(c => (DType)c.Arguments[1]! == DType.Float32);

    [TestCaseSource(nameof(Float32Variants))]
    public void LargeBroadcastOperandStaysInsideItsBuffer(string variant, DType dtype)
    {
        using var scope = new TensorScope();
        using var forced = KernelRegistry.Force(OpNames.MatMul, variant);
        var y = Tensor.Ones(new Shape(1, 1024), dtype).Expand(65536, 1024).MatMul(Tensor.Ones(new Shape(1024, 1), dtype));
        Assert.That(y.ToDoubleArray(), Is.All.EqualTo(1024.0));
    }
}
