using Grimoire.Rl.PolicyGradient;

namespace Grimoire.Tests.Rl;

/// <summary>PPO's clipped surrogate and its KL estimate against values worked out by hand: the ratio is clipped only in
/// the direction the advantage favours, and a clipped term passes no gradient.</summary>
public sealed class PpoObjectiveTests
{
    private static readonly double[] Ratios = [1.5, 1.5, 0.5, 0.5, 1.1];
    private static readonly double[] Advantages = [1, -1, 1, -1, 2];

    [Test]
    public void SurrogateTakesTheSmallerOfTheClippedAndUnclippedTerms()
    {
        using var scope = new TensorScope();
        var (logProbs, old, advantages) = Inputs();
        var value = PpoObjective.ClippedSurrogate(logProbs, old, advantages, clip: 0.2).Item();
        // min(1.5, 1.2), min(-1.5, -1.2), min(0.5, 0.8), min(-0.5, -0.8), min(2.2, 2.4)
        Assert.That(value, Is.EqualTo((1.2 - 1.5 + 0.5 - 0.8 + 2.2) / 5).Within(1e-12));
    }

    [Test]
    public void ClippedTermsPassNoGradient()
    {
        using var scope = new TensorScope();
        var (logProbs, old, advantages) = Inputs();
        PpoObjective.ClippedSurrogate(logProbs, old, advantages, clip: 0.2).Backward();
        // d(r·A)/d log π = r·A where the unclipped term is the minimum, 0 where the clipped one is
        Assert.That(logProbs.Grad!.ToArray<double>(), Is.EqualTo(new[] { 0, -1.5 / 5, 0.5 / 5, 0, 2.2 / 5 }).Within(1e-12));
    }

    [Test]
    public void ApproximateKlIsTheMeanOfRatioMinusOneMinusLogRatio()
    {
        using var scope = new TensorScope();
        var (logProbs, old, _) = Inputs();
        var expected = Ratios.Average(r => r - 1 - Math.Log(r));
        Assert.That(PpoObjective.ApproximateKl(logProbs, old), Is.EqualTo(expected).Within(1e-12));
        Assert.That(expected, Is.GreaterThan(0));
    }

    [Test]
    public void ANonPositiveClipRangeIsRefused()
    {
        using var scope = new TensorScope();
        var (logProbs, old, advantages) = Inputs();
        Assert.That(() => PpoObjective.ClippedSurrogate(logProbs, old, advantages, 0), Throws.InstanceOf<ArgumentOutOfRangeException>().With.Message.Contain("clip"));
    }

    private static (Tensor LogProbs, Tensor Old, Tensor Advantages) Inputs()
    {
        var old = Tensor.FromArray(new[] { -0.3, -1.2, -0.7, -2.0, -0.1 });
        var logProbs = Tensor.FromArray(old.ToArray<double>().Zip(Ratios, (o, r) => o + Math.Log(r)).ToArray());
        logProbs.RequiresGrad = true;
        return (logProbs, old, Tensor.FromArray(Advantages));
    }
}
