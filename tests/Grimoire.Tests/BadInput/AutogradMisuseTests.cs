namespace Grimoire.Tests.BadInput;

/// <summary>The messages of refused backward requests say what was wrong (the throwing itself is covered in
/// Autodiff/AutogradTests).</summary>
public class AutogradMisuseTests
{
    private TensorScope _scope = null!;

    [SetUp]
    public void OpenScope() => _scope = new TensorScope();

    [TearDown]
    public void CloseScope() => _scope.Dispose();

    private static Tensor Leaf(params int[] dims)
    {
        var t = Tensor.Ones(new Shape(dims), DType.Float64);
        t.RequiresGrad = true;
        return t;
    }

    [Test]
    public void NonScalarRootWithoutSeed()
    {
        var e = Assert.Throws<AutogradException>(() => (Leaf(2, 3) * 2).Backward());
        Assert.That(e!.Message, Does.Contain("[2, 3]").And.Contain("seed"));
    }

    [Test]
    public void SeedOfAnotherShape()
    {
        var e = Assert.Throws<ShapeException>(() => (Leaf(2, 3) * 2).Backward(Tensor.Ones(new Shape(3), DType.Float64)));
        Assert.That(e!.Message, Does.Contain("[3]").And.Contain("[2, 3]"));
    }

    [Test]
    public void RootThatRequiresNoGradients()
    {
        var e = Assert.Throws<AutogradException>(() => (Tensor.Ones(new Shape(2), DType.Float64) * 3).Sum().Backward());
        Assert.That(e!.Message, Does.Contain("does not require gradients"));
    }

    [Test]
    public void IntegerTensorRequiringGradients()
    {
        var t = Tensor.Zeros(new Shape(2), DType.Int32);
        var e = Assert.Throws<DTypeException>(() => t.RequiresGrad = true);
        Assert.That(e!.Message, Does.Contain("i32"));
        Assert.That(t.RequiresGrad, Is.False);
    }

    [Test]
    public void IntermediateDisposedBeforeBackwardIsNamed()
    {
        var x = Leaf(3);
        var y = x.Exp();
        var loss = (y * 2).Sum();
        y.Dispose();
        var e = Assert.Throws<DisposedTensorException>(() => loss.Backward());
        Assert.That(e!.Message, Does.Contain("'mul'").And.Contain("[3]").And.Contain("disposed before Backward"));
        Assert.That(x.Grad, Is.Null);
    }

    [Test]
    public void LeafDisposedBeforeBackwardIsNamed()
    {
        var x = Leaf(2);
        var loss = (x * x).Sum();
        x.Dispose();
        Assert.That(Assert.Throws<DisposedTensorException>(() => loss.Backward())!.Message, Does.Contain("[2]"));
    }

    [Test]
    public void BackwardOnADisposedRoot()
    {
        var loss = (Leaf(2) * 3).Sum();
        loss.Dispose();
        Assert.Throws<DisposedTensorException>(() => loss.Backward());
    }
}
