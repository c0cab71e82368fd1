using Grimoire.Rl.ValueBased;

namespace Grimoire.Tests.Rl;

/// <summary>The replay buffer (book §28.1): a circular store that keeps the newest transitions, sampled uniformly
/// from the filled slots with a seeded generator.</summary>
public sealed class ReplayBufferTests
{
    [Test]
    public void KeepsTheNewestTransitionsWhenItWrapsAround()
    {
        var buffer = Filled(capacity: 5, transitions: 7);
        Assert.That((buffer.Count, buffer.Position), Is.EqualTo((5, 2)));
        var batch = buffer.Gather([0, 1, 2, 3, 4]);
        // slots 0 and 1 were overwritten by transitions 5 and 6; 2–4 still hold 2–4
        Assert.That(batch.Actions, Is.EqualTo(new[] { 5, 6, 2, 3, 4 }));
        Assert.That(batch.Rewards, Is.EqualTo(new[] { 50f, 60f, 20f, 30f, 40f }));
        Assert.That(batch.Observations, Is.EqualTo(new[] { 5f, -5f, 6f, -6f, 2f, -2f, 3f, -3f, 4f, -4f }));
        Assert.That(batch.NextObservations[..2], Is.EqualTo(new[] { 6f, -6f }));
        Assert.That(batch.Terminated, Is.EqualTo(new[] { 1f, 0f, 0f, 1f, 0f }), "odd transitions were terminal");
    }

    [Test]
    public void SamplesOnlyFilledSlotsUniformly()
    {
        var buffer = Filled(capacity: 100, transitions: 8);
        var counts = new int[8];
        const int draws = 80_000;
        foreach (var i in buffer.SampleIndices(draws, new Rng(11))) counts[i]++;
        // binomial(80000, 1/8): σ ≈ 94; 5σ bounds
        Assert.That(counts, Has.All.InRange(10_000 - 470, 10_000 + 470));
        var chiSquare = counts.Sum(c => (c - 10_000.0) * (c - 10_000.0) / 10_000.0);
        Assert.That(chiSquare, Is.LessThan(24.3), "chi-square with 7 degrees of freedom, p = 0.001");
    }

    [Test]
    public void TheSameSeedDrawsTheSameBatches()
    {
        var buffer = Filled(capacity: 50, transitions: 50);
        Assert.That(buffer.SampleIndices(64, new Rng(3)), Is.EqualTo(buffer.SampleIndices(64, new Rng(3))));
        Assert.That(buffer.SampleIndices(64, new Rng(3)), Is.Not.EqualTo(buffer.SampleIndices(64, new Rng(4))));
    }

    [Test]
    public void RefusesBadInput()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => _ = new ReplayBuffer(0, 2));
        Assert.Throws<ArgumentOutOfRangeException>(() => _ = new ReplayBuffer(2, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => _ = new ReplayBuffer(int.MaxValue, 4), "capacity × size beyond an array, checked in 64 bits");
        var empty = new ReplayBuffer(4, 2);
        Assert.Throws<InvalidOperationException>(() => empty.SampleIndices(1, new Rng(0)));
        Assert.Throws<ArgumentException>(() => empty.Add([1f], 0, 0, [1f, 2f], false));
        Assert.Throws<ArgumentOutOfRangeException>(() => Filled(4, 2).Gather([3]), "slot 3 is not filled yet");
    }

    /// <summary>Transition t: observation (t, −t), action t, reward 10t, next observation (t + 1, −t − 1), terminal when t is odd.</summary>
    private static ReplayBuffer Filled(int capacity, int transitions)
    {
        var buffer = new ReplayBuffer(capacity, 2);
        for (var t = 0; t < transitions; t++) buffer.Add([t, -t], t, 10 * t, [t + 1, -t - 1], t % 2 == 1);
        return buffer;
    }
}
