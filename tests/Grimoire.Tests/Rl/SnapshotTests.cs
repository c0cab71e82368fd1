using Grimoire.Rl.Environments;

namespace Grimoire.Tests.Rl;

/// <summary>Environment snapshots, which training checkpoints are made of: restoring one into a fresh environment makes
/// it take exactly the steps the original takes from there, through episode ends and resets; a snapshot that does not
/// fit is refused.</summary>
public sealed class SnapshotTests
{
    [Test]
    public void EveryEnvironmentCarriesOnFromItsSnapshot()
    {
        Check(() => new CartPole(), step => step % 3 == 0 ? 1 : 0);
        Check(() => new Pendulum(), step => new[] { (float)Math.Sin(step) * 2 });
        Check(() => new ObstacleCourse(), step => new[] { 0.3f, step % 5 == 0 ? -1f : 1f });
        Check(() => new OneHotGridWorld(new GridWorld(slip: 0.3)), step => step % 4);
    }

    [Test]
    public void AVectorEnvironmentCarriesOnItsEpisodesFromItsSnapshot()
    {
        var original = new VectorEnvironment<int>(() => new CartPole(), 3);
        original.Reset(11);
        for (var t = 0; t < 40; t++) original.Step([t % 2, 1, 0]);
        var copy = new VectorEnvironment<int>(() => new CartPole(), 3);
        copy.Restore(original.Snapshot());
        for (var t = 0; t < 60; t++)
        {
            int[] actions = [(t / 3) % 2, t % 2, 1];
            var (a, b) = (original.Step(actions), copy.Step(actions));
            Assert.That(b.Observations, Is.EqualTo(a.Observations));
            Assert.That(b.Terminated, Is.EqualTo(a.Terminated));
        }
        Assert.That(copy.Episodes, Is.EqualTo(original.Episodes));
        Assert.That(() => new VectorEnvironment<int>(() => new CartPole(), 2).Restore(original.Snapshot()), Throws.ArgumentException.With.Message.Contain("3 copies"));
    }

    [Test]
    public void ASnapshotThatDoesNotFitIsRefused()
    {
        var cartPole = new CartPole();
        cartPole.Reset(1);
        var snapshot = cartPole.Snapshot();
        Assert.That(() => new Pendulum().Restore(snapshot), Throws.ArgumentException.With.Message.Contain("2 numbers"));
        Assert.That(() => new CartPole().Restore(snapshot with { EpisodeStep = 501 }), Throws.ArgumentException.With.Message.Contain("episode step"));
        Assert.That(() => new GridWorld().Restore(new GridWorld().Snapshot() with { State = [99] }), Throws.ArgumentException.With.Message.Contain("cell"));
    }

    private static void Check<TAction>(Func<Environment<float[], TAction>> make, Func<int, TAction> policy)
    {
        var original = make();
        original.Reset(5);
        for (var t = 0; t < 7; t++) Advance(original, policy(t));
        var restored = make();
        restored.Restore(original.Snapshot());
        for (var t = 7; t < 300; t++)
        {
            var (a, b) = (Advance(original, policy(t)), Advance(restored, policy(t)));
            Assert.That(b.Observation, Is.EqualTo(a.Observation), $"{original.Name}, step {t}");
            Assert.That((b.Reward, b.Terminated, b.Truncated), Is.EqualTo((a.Reward, a.Terminated, a.Truncated)), $"{original.Name}, step {t}");
        }
    }

    /// <summary>One step, or a reset (without a seed: the generator carries on) when the episode has ended.</summary>
    private static StepResult<float[]> Advance<TAction>(Environment<float[], TAction> env, TAction action)
    {
        try
        {
            return env.Step(action);
        }
        catch (InvalidOperationException)
        {
            return new StepResult<float[]>(env.Reset(), 0, false, false);
        }
    }
}
