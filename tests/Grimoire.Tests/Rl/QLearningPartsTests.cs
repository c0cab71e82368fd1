using Grimoire.Nn.Layers;
using Grimoire.Rl.ValueBased;

namespace Grimoire.Tests.Rl;

/// <summary>The pieces of deep Q-learning (book §27–28) on hand-computed cases: Bellman and Double-DQN targets, the
/// Huber loss and its gradient, the Polyak update with τ the online network's weight, and the ε schedule.</summary>
public sealed class QLearningPartsTests
{
    // A batch of three: the second transition ended the episode, so its target is its reward alone.
    private static readonly float[] Rewards = [1f, 0.5f, 2f];
    private static readonly float[] Terminated = [0f, 1f, 0f];
    private static readonly float[] NextTarget = [1f, 3f, 5f, 2f, -1f, -2f];
    private static readonly float[] NextOnline = [4f, 0f, 0f, 1f, 0f, 9f];

    [Test]
    public void BellmanTargetIsRewardPlusDiscountedMaxOfTheTargetNetwork()
    {
        using var scope = new TensorScope();
        var y = QTargets.Bellman(Tensor.FromArray(Rewards), Tensor.FromArray(Terminated), Q(NextTarget), gamma: 0.9).ToArray<float>();
        // 1 + 0.9·max(1, 3); 0.5 (terminated); 2 + 0.9·max(−1, −2)
        Assert.That(y, Is.EqualTo(new[] { 3.7f, 0.5f, 1.1f }).Within(1e-6f));
    }

    [Test]
    public void DoubleDqnTargetScoresTheOnlineNetworksChoiceWithTheTargetNetwork()
    {
        using var scope = new TensorScope();
        var y = QTargets.DoubleDqn(Tensor.FromArray(Rewards), Tensor.FromArray(Terminated), Q(NextOnline), Q(NextTarget), gamma: 0.9).ToArray<float>();
        // online argmax: 0, 1, 1 → Q̂ = 1, 2, −2
        Assert.That(y, Is.EqualTo(new[] { 1.9f, 0.5f, 0.2f }).Within(1e-6f));
    }

    [Test]
    public void ChosenPicksEachRowsAction()
    {
        using var scope = new TensorScope();
        var q = QTargets.Chosen(Q(NextTarget), Tensor.FromArray(new[] { 1, 0, 0 })).ToArray<float>();
        Assert.That(q, Is.EqualTo(new[] { 3f, 5f, -1f }));
    }

    [Test]
    public void TargetsRefuseBadShapesAndDiscounts()
    {
        using var scope = new TensorScope();
        Assert.Throws<ArgumentOutOfRangeException>(() => QTargets.Bellman(Tensor.FromArray(Rewards), Tensor.FromArray(Terminated), Q(NextTarget), gamma: 1.5));
        Assert.Throws<ShapeException>(() => QTargets.Bellman(Tensor.FromArray(new[] { 1f, 2f }), Tensor.FromArray(Terminated), Q(NextTarget), gamma: 0.9));
        Assert.Throws<ShapeException>(() => QTargets.DoubleDqn(Tensor.FromArray(Rewards), Tensor.FromArray(Terminated), Tensor.FromArray(NextOnline, new Shape(2, 3)), Q(NextTarget), 0.9));
        Assert.Throws<ShapeException>(() => QTargets.Chosen(Q(NextTarget), Tensor.FromArray(new[] { 1, 0 })));
    }

    [Test]
    public void HuberLossIsQuadraticInsideAndLinearOutside()
    {
        using var scope = new TensorScope();
        var prediction = Tensor.FromArray(new[] { 0.5, -2.0, 3.0 });
        // δ = 1: ½·0.25, 1·(2 − ½), 1·(3 − ½)
        Assert.That(HuberLoss.Mean(prediction, Tensor.Zeros(new Shape(3), DType.Float64)).Item(), Is.EqualTo((0.125 + 1.5 + 2.5) / 3).Within(1e-15));
        // δ = 2.5: ½·0.25, ½·4, 2.5·(3 − 1.25)
        Assert.That(HuberLoss.Mean(prediction, Tensor.Zeros(new Shape(3), DType.Float64), delta: 2.5).Item(), Is.EqualTo((0.125 + 2 + 4.375) / 3).Within(1e-15));
    }

    [Test]
    public void HuberGradientMatchesFiniteDifferences()
    {
        var errors = new[] { 0.3, -1.2, 2.7, -0.05, 1.49 };
        const double delta = 1.5, h = 1e-6;
        double Loss(double[] p)
        {
            using var scope = new TensorScope();
            return HuberLoss.Mean(Tensor.FromArray(p), Tensor.Zeros(new Shape(p.Length), DType.Float64), delta).Item();
        }
        using var outer = new TensorScope();
        var x = Tensor.FromArray(errors);
        x.RequiresGrad = true;
        HuberLoss.Mean(x, Tensor.Zeros(new Shape(errors.Length), DType.Float64), delta).Backward();
        var analytic = x.Grad!.ToDoubleArray();
        for (var j = 0; j < errors.Length; j++)
        {
            var (up, down) = ((double[])errors.Clone(), (double[])errors.Clone());
            (up[j], down[j]) = (errors[j] + h, errors[j] - h);
            Assert.That(analytic[j], Is.EqualTo((Loss(up) - Loss(down)) / (2 * h)).Within(1e-8), $"element {j}");
            Assert.That(analytic[j], Is.EqualTo(Math.Clamp(errors[j], -delta, delta) / errors.Length).Within(1e-15), "d inside, δ·sign(d) outside, over n");
        }
    }

    [Test]
    public void HuberRefusesABadThresholdOrShape()
    {
        using var scope = new TensorScope();
        Assert.Throws<ArgumentOutOfRangeException>(() => HuberLoss.Mean(Tensor.Zeros(new Shape(2)), Tensor.Zeros(new Shape(2)), delta: 0));
        Assert.Throws<ShapeException>(() => HuberLoss.Mean(Tensor.Zeros(new Shape(2)), Tensor.Zeros(new Shape(3))));
    }

    [Test]
    public void PolyakMovesTheTargetByTauTowardsTheOnlineNetwork()
    {
        using var online = new Linear(3, 2, rng: new Rng(1));
        using var target = new Linear(3, 2, rng: new Rng(2));
        var (o, t) = (Values(online), Values(target));
        const double tau = 0.25;
        Polyak.Update(target, online, tau);
        var updated = Values(target);
        for (var i = 0; i < o.Length; i++)
        {
            Assert.That(updated[i], Is.EqualTo(tau * o[i] + (1 - tau) * t[i]).Within(1e-6), $"θ̂ ← τθ + (1 − τ)θ̂, element {i}");
            var kappa = 1 - tau;
            Assert.That(updated[i], Is.EqualTo((1 - kappa) * o[i] + kappa * t[i]).Within(1e-6), "the book's form with κ = 1 − τ");
        }
        Assert.That(Values(online), Is.EqualTo(o), "the online network is not touched");
        Polyak.Update(target, online, tau: 1);
        Assert.That(Values(target), Is.EqualTo(o), "τ = 1 is a hard copy");
    }

    [Test]
    public void PolyakRefusesBadTauAndMismatchedNetworks()
    {
        using var a = new Linear(3, 2, rng: new Rng(1));
        using var b = new Linear(3, 4, rng: new Rng(1));
        Assert.Throws<ArgumentOutOfRangeException>(() => Polyak.Update(a, a, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => Polyak.Update(a, a, 1.01));
        Assert.Throws<ArgumentException>(() => Polyak.Update(a, b, 0.5));
    }

    [Test]
    public void EpsilonFallsLinearlyThenStays()
    {
        var schedule = new LinearSchedule(1.0, 0.05, steps: 100);
        Assert.That(schedule.At(0), Is.EqualTo(1.0));
        Assert.That(schedule.At(40), Is.EqualTo(1.0 - 0.95 * 0.4).Within(1e-15));
        Assert.That(schedule.At(100), Is.EqualTo(0.05));
        Assert.That(schedule.At(5000), Is.EqualTo(0.05));
        Assert.That(new LinearSchedule(0.5, 0.1, steps: 0).At(0), Is.EqualTo(0.1));
        Assert.Throws<ArgumentOutOfRangeException>(() => _ = new LinearSchedule(1.2, 0.1, 10));
        Assert.Throws<ArgumentOutOfRangeException>(() => _ = new LinearSchedule(1, 0.1, -1));
    }

    private static Tensor Q(float[] values) => Tensor.FromArray(values, new Shape(values.Length / 2, 2));

    private static double[] Values(Linear layer) => [.. layer.Parameters().SelectMany(p => p.Value.ToDoubleArray())];
}
