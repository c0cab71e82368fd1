using Grimoire.Rl.Environments;

namespace Grimoire.Tests.Rl;

/// <summary>Batched copies behave as the single environment does: copy i follows seed + i, a finished copy is reset in
/// the same step with its final observation kept, and every finished episode is recorded.</summary>
public sealed class VectorEnvironmentTests
{
    [Test]
    public void EachCopyFollowsItsOwnSeedAndResetsWhenDone()
    {
        const int copies = 3;
        var vector = new VectorEnvironment<int>(() => new CartPole(), copies);
        var singles = Enumerable.Range(0, copies).Select(_ => new CartPole()).ToArray();
        var observations = vector.Reset(40);
        var expected = singles.Select((s, i) => s.Reset(40 + (ulong)i)).ToArray();
        Assert.That(observations, Is.EqualTo(expected.SelectMany(o => o).ToArray()));
        var lengths = new int[copies];
        var finished = 0;
        for (var t = 0; t < 60; t++)
        {
            var actions = Enumerable.Range(0, copies).Select(i => (t + i) % 3 == 0 ? 1 : 0).ToArray(); // drifts left: episodes end
            var step = vector.Step(actions);
            for (var i = 0; i < copies; i++)
            {
                var single = singles[i].Step(actions[i]);
                lengths[i]++;
                Assert.That(step.Terminated[i], Is.EqualTo(single.Terminated));
                if (single.Done)
                {
                    Assert.That(step.FinalObservations[i], Is.EqualTo(single.Observation));
                    Assert.That(step.Observations.AsSpan(i * 4, 4).ToArray(), Is.EqualTo(singles[i].Reset()), "the copy starts its next episode at once");
                    Assert.That(vector.Episodes[finished], Is.EqualTo(new EpisodeRecord(lengths[i], lengths[i], false, i)));
                    (lengths[i], finished) = (0, finished + 1);
                }
                else
                {
                    Assert.That(step.FinalObservations[i], Is.Null);
                    Assert.That(step.Observations.AsSpan(i * 4, 4).ToArray(), Is.EqualTo(single.Observation));
                }
            }
        }
        Assert.That(finished, Is.GreaterThan(copies), "several episodes ended");
    }

    [Test]
    public void MisuseIsRefused()
    {
        var vector = new VectorEnvironment<int>(() => new CartPole(), 2);
        Assert.That(() => vector.Step([0, 0]), Throws.InvalidOperationException);
        vector.Reset(0);
        Assert.That(() => vector.Step([0]), Throws.ArgumentException.With.Message.Contain("1 actions for 2 copies"));
        Assert.That(() => new VectorEnvironment<int>(() => new CartPole(), 0), Throws.InstanceOf<ArgumentOutOfRangeException>());
    }
}
