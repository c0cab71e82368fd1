using Grimoire.Rl.Rollouts;

namespace Grimoire.Tests.Rl;

/// <summary>Return-to-go and GAE against values worked out by hand, with episodes that terminate, are truncated (and
/// bootstrap from the final observation's value) or are cut off by the end of the rollout (and bootstrap from the value
/// of the observation after it).</summary>
public sealed class ReturnEstimateTests
{
    private const double Gamma = 0.9;

    [Test]
    public void ReturnToGoDiscountsFromTheCurrentStepAndStopsAtATermination()
    {
        // one copy: an episode of three steps that terminates, then two steps of the next, cut off by the rollout (V = 5 after)
        float[] rewards = [1, 2, 3, 4, 5];
        bool[] ended = [false, false, true, false, false];
        float[] next = [0, 0, 0, 0, 5];
        var returns = new float[5];
        ReturnEstimates.ReturnToGo(rewards, ended, next, 1, Gamma, returns);
        var g2 = 3.0;
        var g1 = 2 + Gamma * g2;
        var g0 = 1 + Gamma * g1;
        var g4 = 5 + Gamma * 5;
        var g3 = 4 + Gamma * g4;
        Assert.That(returns, Is.EqualTo(new[] { g0, g1, g2, g3, g4 }.Select(v => (float)v).ToArray()).Within(1e-5));
    }

    [Test]
    public void TruncationBootstrapsFromTheFinalObservationsValueInTheRightColumn()
    {
        // two copies, time-major: copy 0 is truncated at t = 1 (V(final) = 10) and starts again; copy 1 terminates at t = 2
        float[] rewards = [1, -1, 2, -2, 3, -3];
        bool[] ended = [false, false, true, false, false, true];
        float[] next = [0, 0, 10, 0, 7, 0]; // t = 2 of copy 0 is the rollout's last row: V(after) = 7
        var returns = new float[6];
        ReturnEstimates.ReturnToGo(rewards, ended, next, 2, Gamma, returns);
        var c0t1 = 2 + Gamma * 10;
        var c0t0 = 1 + Gamma * c0t1;
        var c0t2 = 3 + Gamma * 7;
        var c1t2 = -3.0;
        var c1t1 = -2 + Gamma * c1t2;
        var c1t0 = -1 + Gamma * c1t1;
        Assert.That(returns, Is.EqualTo(new[] { c0t0, c1t0, c0t1, c1t1, c0t2, c1t2 }.Select(v => (float)v).ToArray()).Within(1e-5));
    }

    [Test]
    public void GaeSumsDiscountedTemporalDifferencesWithinEpisodes()
    {
        const double lambda = 0.5;
        float[] rewards = [1, 1, 1, 1];
        float[] values = [2, 3, 4, 5];
        bool[] ended = [false, true, false, false];
        float[] next = [3, 8, 5, 6]; // t = 1 truncated with V(final) = 8; t = 3 bootstraps from V(after) = 6
        var advantages = new float[4];
        ReturnEstimates.GeneralizedAdvantages(rewards, values, ended, next, 1, Gamma, lambda, advantages);
        var d = new double[4];
        for (var t = 0; t < 4; t++) d[t] = rewards[t] + Gamma * next[t] - values[t];
        var a1 = d[1];
        var a0 = d[0] + Gamma * lambda * a1;
        var a3 = d[3];
        var a2 = d[2] + Gamma * lambda * a3;
        Assert.That(advantages, Is.EqualTo(new[] { a0, a1, a2, a3 }.Select(v => (float)v).ToArray()).Within(1e-5));
    }

    [Test]
    public void GaeWithLambdaOneIsTheReturnToGoMinusTheValue()
    {
        var rng = new Rng(5);
        const int copies = 3, steps = 40;
        var rewards = Enumerable.Range(0, copies * steps).Select(_ => (float)rng.NextNormal()).ToArray();
        var values = Enumerable.Range(0, copies * steps).Select(_ => (float)rng.NextNormal()).ToArray();
        var ended = Enumerable.Range(0, copies * steps).Select(_ => rng.NextDouble() < 0.1).ToArray();
        // within an episode the next state's value is V(sₜ₊₁) (the sum telescopes); at ends and on the last row it is free
        var next = Enumerable.Range(0, copies * steps).Select(i => ended[i] || i + copies >= copies * steps ? (float)rng.NextNormal() : values[i + copies]).ToArray();
        var (advantages, returns) = (new float[rewards.Length], new float[rewards.Length]);
        ReturnEstimates.GeneralizedAdvantages(rewards, values, ended, next, copies, Gamma, 1, advantages);
        ReturnEstimates.ReturnToGo(rewards, ended, next, copies, Gamma, returns);
        for (var i = 0; i < rewards.Length; i++) Assert.That(advantages[i], Is.EqualTo(returns[i] - values[i]).Within(1e-4), $"step {i}");
    }

    [Test]
    public void BufferBootstrapsTerminatedTruncatedAndCutOffStepsDifferently()
    {
        var buffer = new RolloutBuffer(steps: 2, copies: 3, observationSize: 1, actionWidth: 1);
        (buffer.Values[0], buffer.Values[1], buffer.Values[2], buffer.Values[3], buffer.Values[4], buffer.Values[5]) = (1, 2, 3, 4, 5, 6);
        (buffer.Terminated[0], buffer.Truncated[1]) = (true, true); // copy 0 terminates at t = 0, copy 1 is truncated there
        buffer.FinalValues[1] = 9;
        (buffer.LastValues[0], buffer.LastValues[1], buffer.LastValues[2]) = (7, 8, 10);
        buffer.ComputeNextValues();
        Assert.That(buffer.NextValues, Is.EqualTo(new float[] { 0, 9, 6, 7, 8, 10 }));
        Assert.That(buffer.Ended, Is.EqualTo(new[] { true, true, false, false, false, false }));
    }

    [Test]
    public void StandardizeGivesMeanZeroAndSampleStandardDeviationOne()
    {
        float[] values = [1, 2, 3, 4];
        ReturnEstimates.Standardize(values);
        var std = Math.Sqrt(5.0 / 3);
        Assert.That(values, Is.EqualTo(new[] { -1.5, -0.5, 0.5, 1.5 }.Select(v => (float)(v / std)).ToArray()).Within(1e-6));
    }

    [Test]
    public void BadInputIsRefusedWithItsName()
    {
        var one = new float[4];
        var flags = new bool[4];
        Assert.That(() => ReturnEstimates.ReturnToGo(one, flags, one, 1, 1.5, new float[4]), Throws.ArgumentException.With.Message.Contain("gamma"));
        Assert.That(() => ReturnEstimates.GeneralizedAdvantages(one, one, flags, one, 1, 0.9, -0.1, new float[4]), Throws.ArgumentException.With.Message.Contain("lambda"));
        Assert.That(() => ReturnEstimates.ReturnToGo(one, flags, one, 3, 0.9, new float[4]), Throws.ArgumentException.With.Message.Contain("3 copies"));
        Assert.That(() => ReturnEstimates.ReturnToGo(one, new bool[3], one, 1, 0.9, new float[4]), Throws.ArgumentException.With.Message.Contain("end flags (3)"));
        Assert.That(() => new RolloutBuffer(0, 1, 1, 1), Throws.InstanceOf<ArgumentOutOfRangeException>());
    }
}
