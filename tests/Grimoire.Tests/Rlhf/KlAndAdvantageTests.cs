using Grimoire.Rlhf.Ppo;

namespace Grimoire.Tests.Rlhf;

/// <summary>The KL leash and GAE over generated tokens against values worked out by hand, and the adaptive KL controller's
/// update rule.</summary>
public sealed class KlAndAdvantageTests
{
    [Test]
    public void PerTokenKlIsTheLogProbabilityDifference()
    {
        var kl = new float[3];
        KlPenalty.PerToken([-1f, -0.5f, -2f], [-1.5f, -0.5f, -1f], kl);
        Assert.That(kl, Is.EqualTo(new[] { 0.5f, 0f, -1f }).Within(1e-6));
    }

    [Test]
    public void RewardsPenaliseEveryTokenAndAddTheScoreToEachSequencesLastToken()
    {
        // two sequences of three tokens, time-major: t0 (s0, s1), t1 (s0, s1), t2 (s0, s1)
        float[] kl = [0.5f, 1f, -0.2f, 0f, 0.3f, 2f];
        var rewards = new float[6];
        KlPenalty.Rewards(kl, [1.5f, -1f], beta: 0.1, rewards);
        Assert.That(rewards, Is.EqualTo(new[] { -0.05f, -0.1f, 0.02f, 0f, -0.03f + 1.5f, -0.2f - 1f }).Within(1e-6));
        Assert.That(KlPenalty.MeanSequenceKl(kl, 2), Is.EqualTo((0.5 - 0.2 + 0.3 + 1 + 0 + 2) / 2).Within(1e-6));
    }

    [Test]
    public void GaeOverAGeneratedSequenceMatchesTheHandComputation()
    {
        const double gamma = 0.9, lambda = 0.8;
        // two sequences of three tokens, time-major
        float[] rewards = [0.1f, -0.2f, 0f, 0.3f, 1f, -1f];
        float[] values = [0.5f, 0.4f, 0.2f, -0.1f, 0.7f, 0.6f];
        var (advantages, returns) = TokenAdvantages.Compute(rewards, values, sequences: 2, gamma, lambda);
        double[] Sequence(int s)
        {
            var (r, v) = (new[] { rewards[s], rewards[2 + s], rewards[4 + s] }, new[] { values[s], values[2 + s], values[4 + s] });
            var d2 = r[2] - v[2]; // the last token: nothing follows
            var d1 = r[1] + gamma * v[2] - v[1];
            var d0 = r[0] + gamma * v[1] - v[0];
            var a2 = d2;
            var a1 = d1 + gamma * lambda * a2;
            var a0 = d0 + gamma * lambda * a1;
            return [a0, a1, a2];
        }
        var (s0, s1) = (Sequence(0), Sequence(1));
        Assert.That(advantages, Is.EqualTo(new[] { s0[0], s1[0], s0[1], s1[1], s0[2], s1[2] }.Select(v => (float)v).ToArray()).Within(1e-5));
        Assert.That(returns, Is.EqualTo(advantages.Zip(values, (a, v) => a + v).ToArray()).Within(1e-6));
    }

    [Test]
    public void ControllerRaisesBetaAboveTheTargetAndLowersItBelowClippingTheError()
    {
        var controller = new AdaptiveKlController(initial: 0.2, target: 4, horizon: 100);
        controller.Update(kl: 4.4, sequences: 10); // error 0.1
        Assert.That(controller.Beta, Is.EqualTo(0.2 * (1 + 0.1 * 10 / 100)).Within(1e-12));
        var before = controller.Beta;
        controller.Update(kl: 0, sequences: 10); // error −1 clipped to −0.2
        Assert.That(controller.Beta, Is.EqualTo(before * (1 - 0.2 * 10 / 100)).Within(1e-12));
        Assert.That(() => new AdaptiveKlController(0.1, 0, 100), Throws.InstanceOf<ArgumentOutOfRangeException>());
    }
}
