using Grimoire.Autograd;

namespace Grimoire.Tests.Autodiff;

/// <summary>Details of what the tape records beyond <see cref="AutogradTests"/>: the recorded node, nested
/// NoGrad scopes, gradients through a shared intermediate and through rank broadcasting, and Detach as a view.</summary>
public class GraphRecordingTests
{
    private TensorScope _scope = null!;

    [SetUp]
    public void OpenScope() => _scope = new TensorScope();

    [TearDown]
    public void CloseScope() => _scope.Dispose();

    private static Tensor Leaf(params double[] values)
    {
        var t = Tensor.FromArray(values);
        t.RequiresGrad = true;
        return t;
    }

    [Test]
    public void TheLastOpIsRecordedAsTheNode()
    {
        var y = Leaf(1, 2).Exp() * 2;
        Assert.That(y.RequiresGrad, Is.True);
        Assert.That(y.IsLeaf, Is.False);
        Assert.That(y.Node!.Op, Is.EqualTo("mul"));
    }

    [Test]
    public void NoGradScopesNestAndEachHandleReleasesOnce()
    {
        using var outer = GradMode.NoGrad();
        var inner = GradMode.NoGrad();
        inner.Dispose();
        Assert.That(GradMode.IsEnabled, Is.False, "the outer scope still holds");
        inner.Dispose();
        Assert.That(GradMode.IsEnabled, Is.False, "disposing a handle twice releases it once");
        outer.Dispose();
        Assert.That(GradMode.IsEnabled, Is.True);
        Assert.That((Leaf(1) * 2).Node, Is.Not.Null, "recording resumes");
    }

    [Test]
    public void AnIntermediateUsedByTwoOpsPassesBothGradientsOn()
    {
        var y = Leaf(0.5, -1);
        var h = y.Exp();
        (h * h + h.Sum()).Sum().Backward();
        // L = Σ h² + n·Σ h with n = 2, so dL/dh = 2h + 2 and dL/dy = (2h + 2)·h.
        var expected = new[] { 0.5, -1.0 }.Select(v => 2 * Math.Exp(2 * v) + 2 * Math.Exp(v)).ToArray();
        Assert.That(y.Grad!.ToDoubleArray(), Is.EqualTo(expected).Within(1e-12));
    }

    [Test]
    public void AnOperandOfLowerRankIsReducedOverTheLeadingAxes()
    {
        var x = Tensor.Ones(new Shape(2, 3), DType.Float64);
        x.RequiresGrad = true;
        var bias = Leaf(1, 2, 3);
        (x * bias).Sum().Backward();
        Assert.That(bias.Grad!.Shape, Is.EqualTo(new Shape(3)));
        Assert.That(bias.Grad.ToDoubleArray(), Is.All.EqualTo(2), "summed over the 2 rows");
        Assert.That(x.Grad!.ToDoubleArray(), Is.EqualTo(new double[] { 1, 2, 3, 1, 2, 3 }));
    }

    [Test]
    public void DetachIsALeafViewOfTheSameStorage()
    {
        var y = Leaf(1, 2, 3) * 3;
        var d = y.Detach();
        Assert.That(d.Storage, Is.SameAs(y.Storage));
        Assert.That(d.RequiresGrad, Is.False);
        Assert.That(d.IsLeaf, Is.True);
        Assert.That((d * 2).Node, Is.Null, "ops on the detached tensor are not recorded");
    }

    [Test]
    public void ALeafCanStopRequiringGradients()
    {
        var x = Leaf(1, 2);
        x.RequiresGrad = false;
        Assert.That((x * 2).RequiresGrad, Is.False);
    }
}
