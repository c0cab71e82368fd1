using Grimoire.Kernels;
using Grimoire.Ops;

namespace Grimoire.Tests.MemorySafety;

/// <summary>What reaches a kernel is checked against the op's contract, so sizes that disagree with the buffers never
/// reach unsafe or native code: through dispatch, through <see cref="Kernel.Run"/> (the only way to run a kernel outside
/// an op), and at every view's creation.</summary>
public class KernelContractTests
{
    private static Kernel Find(string op, string variant, DType dtype = DType.Float32) =>
        KernelRegistry.All.Single(k => k.Info.Op == op && k.Info.Variant == variant && k.Info.DType == dtype);

    private static IEnumerable<TestCaseData> BadRuns()
    {
        yield return Run("matmul attributes larger than the operands", OpNames.MatMul,
            () => ([Tensor.Ones(new Shape(1, 4, 4)), Tensor.Ones(new Shape(1, 4, 4))], Tensor.Zeros(new Shape(1, 4, 4)), new MatMulAttributes(1, 400, 4, 4)), "A has shape [1, 4, 4]");
        yield return Run("matmul operand with a broadcast row", OpNames.MatMul,
            () => ([Tensor.Ones(new Shape(1, 1, 4)).Expand(1, 4, 4), Tensor.Ones(new Shape(1, 4, 4))], Tensor.Zeros(new Shape(1, 4, 4)), new MatMulAttributes(1, 4, 4, 4)), "neither row- nor column-major");
        yield return Run("sum over more elements than the input holds", OpNames.Sum,
            () => ([Tensor.Ones(new Shape(8))], Tensor.Zeros(new Shape(1)), new ReduceAttributes(1, 800, 1)), "800");
        yield return Run("softmax rows past the input", OpNames.Softmax,
            () => ([Tensor.Ones(new Shape(2, 3))], Tensor.Zeros(new Shape(2, 3)), new ReduceAttributes(20, 3, 1)), "60");
        yield return Run("unfold geometry of another image", OpNames.Unfold,
            () => ([Tensor.Ones(new Shape(1, 1, 4, 4))], Tensor.Zeros(new Shape(1, 9, 4)), new UnfoldGeometry(1, 1, 40, 40, 3, 3, 1, 0)), "[1, 1, 40, 40]");
        yield return Run("conv2d attributes of a larger image", OpNames.Conv2d,
            () => ([Tensor.Ones(new Shape(1, 2, 4, 4)), Tensor.Ones(new Shape(3, 2, 3, 3))], Tensor.Zeros(new Shape(1, 3, 2, 2)), Conv(new UnfoldGeometry(1, 2, 40, 40, 3, 3, 1, 0), 3, 1)), "[1, 2, 40, 40]");
        yield return Run("conv2d weight of other groups", OpNames.Conv2d,
            () => ([Tensor.Ones(new Shape(1, 4, 4, 4)), Tensor.Ones(new Shape(4, 4, 3, 3))], Tensor.Zeros(new Shape(1, 4, 2, 2)), Conv(new UnfoldGeometry(1, 4, 4, 4, 3, 3, 1, 0), 4, 2)), "weight has shape [4, 4, 3, 3]");
        yield return Run("conv2d bias of another length", OpNames.Conv2d,
            () => ([Tensor.Ones(new Shape(1, 2, 4, 4)), Tensor.Ones(new Shape(3, 2, 3, 3)), Tensor.Ones(new Shape(30))], Tensor.Zeros(new Shape(1, 3, 2, 2)), Conv(new UnfoldGeometry(1, 2, 4, 4, 3, 3, 1, 0), 3, 1)), "bias has shape [30]");
        yield return Run("conv2d input gradient into an output of another image", OpNames.Conv2dBackwardInput,
            () => ([Tensor.Ones(new Shape(1, 3, 2, 2)), Tensor.Ones(new Shape(3, 2, 3, 3))], Tensor.Zeros(new Shape(1, 2, 3, 3)), Conv(new UnfoldGeometry(1, 2, 4, 4, 3, 3, 1, 0), 3, 1)), "output has shape [1, 2, 3, 3]");
        yield return Run("conv2d weight gradient from a gradient of another size", OpNames.Conv2dBackwardWeight,
            () => ([Tensor.Ones(new Shape(1, 3, 20, 20)), Tensor.Ones(new Shape(1, 2, 4, 4))], Tensor.Zeros(new Shape(3, 2, 3, 3)), Conv(new UnfoldGeometry(1, 2, 4, 4, 3, 3, 1, 0), 3, 1)), "gradient has shape [1, 3, 20, 20]");
        yield return Run("an output smaller than the input", OpNames.Exp,
            () => ([Tensor.Ones(new Shape(100))], Tensor.Zeros(new Shape(10)), null), "shape [100]");
        yield return Run("gather indices past the axis", OpNames.Gather,
            () => ([Tensor.Ones(new Shape(3, 2)), Tensor.FromArray(new[] { 0, 7 })], Tensor.Zeros(new Shape(2, 2)), new AxisAttributes(1, 3, 2)), "index 7");
        yield return Run("attributes of the wrong type", OpNames.MatMul,
            () => ([Tensor.Ones(new Shape(1, 4, 4)), Tensor.Ones(new Shape(1, 4, 4))], Tensor.Zeros(new Shape(1, 4, 4)), new ReduceAttributes(1, 4, 4)), "MatMulAttributes");
        yield return Run("clamp without its bounds record", OpNames.Clamp,
            () => ([Tensor.Ones(new Shape(4))], Tensor.Zeros(new Shape(4)), new UnaryAttributes(0.5)), "ClampAttributes");
        yield return Run("softplus without attributes", OpNames.Softplus, () => ([Tensor.Ones(new Shape(4))], Tensor.Zeros(new Shape(4)), null), "SoftplusAttributes");
        yield return Run("gelu with clamp's attributes", OpNames.Gelu,
            () => ([Tensor.Ones(new Shape(4))], Tensor.Zeros(new Shape(4)), new ClampAttributes(0, 1)), "GeluAttributes");
    }

    private static ConvAttributes Conv(UnfoldGeometry window, int outChannels, int groups) => new(window, outChannels, groups);

    private static TestCaseData Run(string name, string op, Func<(Tensor[] Inputs, Tensor Output, object? Attributes)> operands, string mention) =>
        new TestCaseData(op, operands, mention).SetName($"Kernel.Run refuses {name}");

    [TestCaseSource(nameof(BadRuns))]
    public void KernelRunRefusesOperandsThatBreakTheContract(string op, Func<(Tensor[] Inputs, Tensor Output, object? Attributes)> operands, string mention)
    {
        using var scope = new TensorScope();
        var (inputs, output, attributes) = operands();
        foreach (var variant in new[] { KernelRegistry.ReferenceVariant, "avx2" }.Where(v => KernelRegistry.All.Any(k => k.Info.Op == op && k.Info.Variant == v)))
        {
            var e = Assert.Throws<ShapeException>(() => Find(op, variant).Run(inputs, output, attributes), variant);
            Assert.That(e!.Message, Does.Contain(mention));
        }
    }

    [Test]
    public void KernelRunRunsOperandsThatKeepTheContract()
    {
        using var scope = new TensorScope();
        var (a, b, c) = (Tensor.Ones(new Shape(1, 2, 3)), Tensor.Ones(new Shape(1, 3, 2)), Tensor.Zeros(new Shape(1, 2, 2)));
        Find(OpNames.MatMul, "avx2").Run([a, b], c, new MatMulAttributes(1, 2, 2, 3));
        Assert.That(c.ToArray<float>(), Is.All.EqualTo(3f));
    }

    [Test]
    public void KernelRunRefusesAnotherDeviceOrDType()
    {
        using var scope = new TensorScope();
        var x = Tensor.Ones(new Shape(4), DType.Float64);
        Assert.Throws<DTypeException>(() => Find(OpNames.Exp, "avx2").Run([x], Tensor.Zeros(new Shape(4), DType.Float64), null));
        Assert.Throws<DeviceException>(() => Find(OpNames.Exp, "ilgpu").Run([Tensor.Ones(new Shape(4))], Tensor.Zeros(new Shape(4)), null));
    }

    [Test]
    public void AViewPastItsStorageCannotBeMade()
    {
        using var scope = new TensorScope();
        var t = Tensor.Ones(new Shape(4));
        Assert.Throws<ShapeException>(() => t.View(new Shape(5), [1], 0));
        Assert.Throws<ShapeException>(() => t.View(new Shape(2), [1], 3));
        Assert.Throws<ShapeException>(() => t.View(new Shape(2, 2), [3, 1], 0));
        Assert.Throws<ShapeException>(() => t.View(new Shape(2), [-1], 1));
        Assert.Throws<ShapeException>(() => t.View(new Shape(2), [1], -1));
        Assert.That(t.View(new Shape(0, 7), [100, 100], 4).Size, Is.Zero, "an empty view addresses nothing");
    }

    [Test]
    public void CopyIntoABroadcastViewIsRefused()
    {
        using var scope = new TensorScope();
        var target = Tensor.Zeros(new Shape(1, 3)).Expand(4, 3);
        var e = Assert.Throws<ShapeException>(() => Tensor.Ones(new Shape(4, 3)).CopyTo(target));
        Assert.That(e!.Message, Does.Contain("broadcast").And.Contain("[4, 3]"));
    }

    [Test]
    public void CopyBetweenOverlappingViewsOfOneStorageCopiesTheOldValues()
    {
        using var scope = new TensorScope();
        var x = Tensor.Arange(6);
        x.Slice(0, 0, 5).CopyTo(x.Slice(0, 1, 6));
        Assert.That(x.ToArray<float>(), Is.EqualTo(new float[] { 0, 0, 1, 2, 3, 4 }));
    }
}
