using Grimoire.Nn;
using Grimoire.Nn.Optimizers;
using Grimoire.Nn.Schedules;

namespace Grimoire.Tests.Nn;

/// <summary>The rate each schedule gives the optimizer after each epoch, against values worked out by hand.</summary>
[TestFixture]
public sealed class SchedulerTests
{
    private const double Exact = 1e-12;

    [Test]
    public void StepLRDropsEveryStepSizeEpochs()
    {
        // lr 1, step 2, γ 0.5: epochs 1..5 → 1, 0.5, 0.5, 0.25, 0.25
        Assert.That(Rates(o => new StepLR(o, 2, 0.5), 5), Is.EqualTo(new[] { 1, 0.5, 0.5, 0.25, 0.25 }).Within(Exact));
    }

    [Test]
    public void ExponentialLRMultipliesEachEpoch()
    {
        Assert.That(Rates(o => new ExponentialLR(o, 0.9), 3), Is.EqualTo(new[] { 0.9, 0.81, 0.729 }).Within(Exact));
    }

    [Test]
    public void CosineAnnealingFallsToTheMinimumAtTMax()
    {
        // lr 1, T 4, η_min 0.2: 0.2 + 0.8·(1 + cos(πt/4))/2 → t=1: 0.2 + 0.4·(1 + √½), t=2: 0.6, t=3: 0.2 + 0.4·(1 − √½), t=4: 0.2;
        // t=5 climbs back to the value at t=3.
        var half = Math.Sqrt(0.5);
        Assert.That(Rates(o => new CosineAnnealingLR(o, 4, 0.2), 5),
            Is.EqualTo(new[] { 0.2 + 0.4 * (1 + half), 0.6, 0.2 + 0.4 * (1 - half), 0.2, 0.2 + 0.4 * (1 - half) }).Within(Exact));
    }

    [Test]
    public void BadArgumentsAreRefused()
    {
        using var p = new Parameter("w", Tensor.Zeros(new Shape(1)));
        using var sgd = new Sgd([p], 0.1);
        Assert.That(() => new StepLR(sgd, 0), Throws.TypeOf<ArgumentOutOfRangeException>().With.Message.Contain("step size"));
        Assert.That(() => new ExponentialLR(sgd, 0), Throws.TypeOf<ArgumentOutOfRangeException>().With.Message.Contain("gamma"));
        Assert.That(() => new CosineAnnealingLR(sgd, 10, 0.5), Throws.TypeOf<ArgumentOutOfRangeException>().With.Message.Contain("eta_min"));
    }

    /// <summary>The optimizer's rate after each of <paramref name="epochs"/> scheduler steps, starting from rate 1.</summary>
    private static double[] Rates(Func<Optimizer, LearningRateScheduler> schedule, int epochs)
    {
        using var p = new Parameter("w", Tensor.Zeros(new Shape(1)));
        using var sgd = new Sgd([p], 1);
        var scheduler = schedule(sgd);
        return Enumerable.Range(0, epochs).Select(_ => { scheduler.Step(); return sgd.LearningRate; }).ToArray();
    }
}
