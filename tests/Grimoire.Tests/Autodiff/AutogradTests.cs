using Grimoire.Autograd;

namespace Grimoire.Tests.Autodiff;

public class AutogradTests
{
    private TensorScope _scope = null!;

    [SetUp]
    public void OpenScope() => _scope = new TensorScope();

    [TearDown]
    public void CloseScope() => _scope.Dispose();

    private static Tensor Leaf(double[] values, params int[] shape)
    {
        var t = Tensor.FromArray(values, new Shape(shape));
        t.RequiresGrad = true;
        return t;
    }

    [Test]
    public void GradientsAccumulateAcrossBackwardCallsUntilZeroGrad()
    {
        var x = Leaf([1, 2, 3], 3);
        (x * x).Sum().Backward();
        (x * x).Sum().Backward();
        Assert.That(x.Grad!.ToDoubleArray(), Is.EqualTo(new double[] { 4, 8, 12 }));
        x.ZeroGrad();
        Assert.That(x.Grad, Is.Null);
        (x * 3).Sum().Backward();
        Assert.That(x.Grad!.ToDoubleArray(), Is.EqualTo(new double[] { 3, 3, 3 }));
    }

    [Test]
    public void ATensorUsedTwiceGetsTheSumOfBothPaths()
    {
        var x = Leaf([2], 1);
        (x * x + x.Exp()).Sum().Backward();
        Assert.That(x.Grad!.ToDoubleArray()[0], Is.EqualTo(2 * 2 + Math.Exp(2)).Within(1e-12));
    }

    [Test]
    public void BroadcastGradientsAreSummedBackToEachInputShape()
    {
        var a = Leaf([1, 2, 3], 3, 1);
        var b = Leaf([10, 20, 30, 40], 1, 4);
        (a + b).Sum().Backward();
        Assert.That(a.Grad!.Shape, Is.EqualTo(new Shape(3, 1)));
        Assert.That(b.Grad!.Shape, Is.EqualTo(new Shape(1, 4)));
        Assert.That(a.Grad.ToDoubleArray(), Is.All.EqualTo(4));
        Assert.That(b.Grad.ToDoubleArray(), Is.All.EqualTo(3));
    }

    [Test]
    public void NoGradScopeRecordsNothing()
    {
        var x = Leaf([1, 2], 2);
        Tensor y;
        using (GradMode.NoGrad()) y = (x * x).Sum();
        Assert.That(y.RequiresGrad, Is.False);
        Assert.That(y.IsLeaf, Is.True);
        Assert.Throws<AutogradException>(() => y.Backward());
    }

    [Test]
    public void OnlyLeavesThatRequireGradReceiveGradients()
    {
        var x = Leaf([1, 2], 2);
        var constant = Tensor.FromArray(new double[] { 5, 6 });
        var hidden = x * constant;
        hidden.Sum().Backward();
        Assert.That(x.Grad!.ToDoubleArray(), Is.EqualTo(new double[] { 5, 6 }));
        Assert.That(constant.Grad, Is.Null);
        Assert.That(hidden.Grad, Is.Null, "intermediate results keep no gradient");
    }

    [Test]
    public void DetachCutsTheGraph()
    {
        var x = Leaf([3], 1);
        var y = x * x.Detach();
        y.Sum().Backward();
        Assert.That(x.Grad!.ToDoubleArray()[0], Is.EqualTo(3), "only the attached factor contributes");
    }

    [Test]
    public void NonScalarRootNeedsASeedOfItsShape()
    {
        var x = Leaf([1, 2], 2);
        var y = x * 2;
        var e = Assert.Throws<AutogradException>(() => y.Backward());
        Assert.That(e!.Message, Does.Contain("[2]"));
        Assert.Throws<ShapeException>(() => y.Backward(Tensor.Ones(new Shape(3), DType.Float64)));
        y.Backward(Tensor.FromArray(new double[] { 1, 10 }));
        Assert.That(x.Grad!.ToDoubleArray(), Is.EqualTo(new double[] { 2, 20 }));
    }

    [Test]
    public void IntegerTensorsCannotRequireGrad() =>
        Assert.Throws<DTypeException>(() => Tensor.FromArray(new[] { 1, 2 }).RequiresGrad = true);

    [Test]
    public void ComputedTensorsCannotDropRequiresGrad()
    {
        var y = Leaf([1], 1) * 2;
        Assert.Throws<AutogradException>(() => y.RequiresGrad = false);
    }
}
