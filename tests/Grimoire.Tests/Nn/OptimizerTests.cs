using Grimoire.Nn;
using Grimoire.Nn.Optimizers;

namespace Grimoire.Tests.Nn;

/// <summary>Two steps of each optimizer on L(θ) = θ², θ₀ = 1 (so g = 2θ), lr 0.1, against values worked out by
/// hand from the update formulas in the optimizers' documentation.</summary>
[TestFixture]
public sealed class OptimizerTests
{
    private const double Exact = 1e-12;

    [Test]
    public void SgdWithMomentum()
    {
        // step 1: g = 2, v = 2, θ = 1 − 0.1·2 = 0.8
        // step 2: g = 1.6, v = 0.9·2 + 1.6 = 3.4, θ = 0.8 − 0.34 = 0.46
        Assert.That(TwoSteps(p => new Sgd(p, 0.1, momentum: 0.9)), Is.EqualTo(new[] { 0.8, 0.46 }).Within(Exact));
    }

    [Test]
    public void SgdWithNesterovMomentum()
    {
        // step 1: g = 2, v = 2, step = g + 0.9·v = 3.8, θ = 1 − 0.38 = 0.62
        // step 2: g = 1.24, v = 1.8 + 1.24 = 3.04, step = 1.24 + 2.736 = 3.976, θ = 0.62 − 0.3976 = 0.2224
        Assert.That(TwoSteps(p => new Sgd(p, 0.1, momentum: 0.9, nesterov: true)), Is.EqualTo(new[] { 0.62, 0.2224 }).Within(Exact));
    }

    [Test]
    public void PlainSgdWithWeightDecay()
    {
        // g = 2θ + 0.5θ = 2.5θ, so θ shrinks by 1 − 0.25 each step: 0.75, 0.5625
        Assert.That(TwoSteps(p => new Sgd(p, 0.1, weightDecay: 0.5)), Is.EqualTo(new[] { 0.75, 0.5625 }).Within(Exact));
    }

    [Test]
    public void Adam()
    {
        // step 1: g = 2, m = 0.2, v = 0.004, m̂ = 2, v̂ = 4, θ = 1 − 0.1·2/(2 + 1e-8) = 0.9000000005
        // step 2: g = 1.800000001, m = 0.36…, v = 0.007236…, m̂ = m/0.19, v̂ = v/0.001999, θ = 0.9… − 0.1·m̂/(√v̂ + 1e-8)
        Assert.That(TwoSteps(p => new Adam(p, 0.1)), Is.EqualTo(new[] { 0.9000000005, 0.8004122286917928 }).Within(Exact));
    }

    [Test]
    public void AdamWDecaysTheWeightsOutsideTheAdaptiveStep()
    {
        // step 1: θ = 1·(1 − 0.1·0.1) = 0.99, then the same Adam step as above (g from the undecayed θ = 1): 0.8900000005
        // step 2: g = 1.780000001, θ = 0.8900000005·0.99 − 0.1·m̂/(√v̂ + 1e-8) with m = 0.358…, v = 0.0071644…
        Assert.That(TwoSteps(p => new AdamW(p, 0.1, weightDecay: 0.1)), Is.EqualTo(new[] { 0.8900000005, 0.7815718559365048 }).Within(Exact));
    }

    [Test]
    public void AdamMinimisesAQuadratic()
    {
        var target = new[] { 3.0, -1.5, 0.25, 10, -7 };
        using var t = Tensor.FromArray(target);
        using var theta = new Parameter("theta", Tensor.Zeros(new Shape(5), DType.Float64));
        using var adam = new Adam([theta], 0.1);
        for (var i = 0; i < 1000; i++)
        {
            using var scope = new TensorScope();
            adam.ZeroGrad();
            ((theta.Value - t) * (theta.Value - t)).Sum().Backward();
            adam.Step();
        }
        Assert.That(theta.Value.ToDoubleArray(), Is.EqualTo(target).Within(1e-3));
    }

    [Test]
    public void ParametersWithoutAGradientAreLeftAlone()
    {
        using var used = new Parameter("used", Tensor.Ones(new Shape(2), DType.Float64));
        using var unused = new Parameter("unused", Tensor.Ones(new Shape(2), DType.Float64));
        using var sgd = new Sgd([used, unused], 0.5);
        using (new TensorScope()) used.Value.Sum().Backward();
        sgd.Step();
        Assert.That(used.Value.ToDoubleArray(), Is.EqualTo(new[] { 0.5, 0.5 }));
        Assert.That(unused.Value.ToDoubleArray(), Is.EqualTo(new[] { 1.0, 1.0 }));
    }

    [Test]
    public void ClippingScalesTheGlobalNormDownToTheBound()
    {
        using var a = new Parameter("a", Tensor.Zeros(new Shape(1), DType.Float64));
        using var b = new Parameter("b", Tensor.Zeros(new Shape(1), DType.Float64));
        using (new TensorScope()) (a.Value * 3 + b.Value * 4).Sum().Backward(); // gradients 3 and 4: norm 5
        var norm = GradientClipping.ClipByGlobalNorm([a, b], 1);
        Assert.That(norm, Is.EqualTo(5).Within(Exact));
        Assert.That(a.Grad!.Item(), Is.EqualTo(0.6).Within(Exact));
        Assert.That(b.Grad!.Item(), Is.EqualTo(0.8).Within(Exact));
        Assert.That(GradientClipping.ClipByGlobalNorm([a, b], 2), Is.EqualTo(1).Within(Exact), "below the bound nothing changes");
    }

    [Test]
    public void BadSettingsAreRejected()
    {
        using var p = new Parameter("p", Tensor.Zeros(new Shape(1)));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Sgd([p], 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Sgd([p], 0.1, momentum: 1));
        Assert.Throws<ArgumentException>(() => new Sgd([p], 0.1, nesterov: true));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Adam([p], 0.1, beta2: -0.1));
        Assert.Throws<ArgumentOutOfRangeException>(() => new AdamW([p], 0.1, weightDecay: double.NaN));
        Assert.Throws<ArgumentException>(() => new Adam([], 0.1));
    }

    /// <summary>θ after each of two steps on L = θ².</summary>
    private static double[] TwoSteps(Func<IEnumerable<Parameter>, Optimizer> create)
    {
        using var theta = new Parameter("theta", Tensor.Ones(new Shape(1), DType.Float64));
        using var optimizer = create([theta]);
        var values = new double[2];
        for (var i = 0; i < 2; i++)
        {
            using var scope = new TensorScope();
            optimizer.ZeroGrad();
            (theta.Value * theta.Value).Sum().Backward();
            optimizer.Step();
            values[i] = theta.Value.Item();
        }
        return values;
    }
}
