namespace Grimoire.Tests.Gradients;

/// <summary>Where the new functions have kinks, finite differences are meaningless, so the subgradient each rule picks is
/// stated here, as PyTorch picks it: clamp passes the gradient at its bounds (min ≤ x ≤ max), minimum sends a tie's
/// gradient to its left operand (as maximum does), and softplus is σ(βx) at its threshold and 1 above it.</summary>
public class FunctionGradientChoiceTests
{
    private static double[] GradientOf(double[] values, Func<Tensor, Tensor> f)
    {
        using var scope = new TensorScope();
        var x = Tensor.FromArray(values);
        x.RequiresGrad = true;
        f(x).Sum().Backward();
        return x.Grad!.ToArray<double>();
    }

    [Test]
    public void ClampPassesTheGradientAtItsBoundsAndNotBeyond()
    {
        Assert.That(GradientOf([-2, -1, 0, 1, 2, double.NaN], x => x.Clamp(-1, 1)), Is.EqualTo(new double[] { 0, 1, 1, 1, 0, 0 }));
        Assert.That(GradientOf([-1, 3], x => x.Clamp(min: -1)), Is.EqualTo(new double[] { 1, 1 }));
        Assert.That(GradientOf([0], x => x.Clamp(1, -1)), Is.EqualTo(new double[] { 0 }), "an empty range passes nothing");
    }

    [Test]
    public void MinimumSendsATiesGradientToTheLeftOperand()
    {
        using var scope = new TensorScope();
        var (a, b) = (Tensor.FromArray(new double[] { 1, 2, 3 }), Tensor.FromArray(new double[] { 1, 1, 4 }));
        (a.RequiresGrad, b.RequiresGrad) = (true, true);
        a.Minimum(b).Sum().Backward();
        Assert.That(a.Grad!.ToArray<double>(), Is.EqualTo(new double[] { 1, 0, 1 }));
        Assert.That(b.Grad!.ToArray<double>(), Is.EqualTo(new double[] { 0, 1, 0 }));
    }

    [Test]
    public void SoftplusIsSigmoidAtItsThresholdAndOneAbove()
    {
        var g = GradientOf([1.5, 1.5000001], x => x.Softplus(beta: 2, threshold: 3));
        Assert.That(g[0], Is.EqualTo(1 / (1 + Math.Exp(-3))).Within(1e-15));
        Assert.That(g[1], Is.EqualTo(1));
    }
}
