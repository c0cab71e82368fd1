using Grimoire.Rl.Environments;

namespace Grimoire.Tests.Rl;

/// <summary>Each environment against its equations: one step from a set state compared with values computed by hand
/// from Gymnasium's formulas (in double precision, outside the engine), the termination and time limits, and the
/// refusals of the shared contract.</summary>
public sealed class EnvironmentDynamicsTests
{
    [Test]
    public void CartPoleStepsByExplicitEuler()
    {
        var env = new CartPole();
        env.Reset(0);
        env.SetState(0.01, -0.02, 0.03, 0.04);
        var step = env.Step(1);
        var (x, xDot, theta, thetaDot) = env.State;
        Assert.That(x, Is.EqualTo(0.009600000000000001).Within(1e-15));
        Assert.That(xDot, Is.EqualTo(0.17467919574755525).Within(1e-15));
        Assert.That(theta, Is.EqualTo(0.030799999999999998).Within(1e-15));
        Assert.That(thetaDot, Is.EqualTo(-0.24306871796000815).Within(1e-15));
        Assert.That(step.Reward, Is.EqualTo(1));
        Assert.That(step.Done, Is.False);
        Assert.That(step.Observation, Is.EqualTo(new[] { (float)x, (float)xDot, (float)theta, (float)thetaDot }));
    }

    [TestCase(2.39, 0.0, false)]
    [TestCase(2.41, 0.0, true)]
    [TestCase(0.0, 0.2094, false)]
    [TestCase(0.0, 0.2096, true)]
    public void CartPoleTerminatesBeyondItsLimits(double x, double theta, bool terminated)
    {
        var env = new CartPole();
        env.Reset(0);
        env.SetState(x, 0, theta, 0);
        // x and θ move by τ·(velocity) = 0 in this step, so the limits are tested exactly where they were set
        Assert.That(env.Step(0).Terminated, Is.EqualTo(terminated));
    }

    [Test]
    public void CartPoleIsTruncatedAt500StepsAndItsExpertGetsThere()
    {
        var (env, expert) = (new CartPole(), new CartPoleExpert());
        for (ulong seed = 0; seed < 5; seed++)
        {
            var observation = env.Reset(seed);
            var (steps, total) = (0, 0.0);
            StepResult<float[]> step;
            do
            {
                step = env.Step(expert.Act(observation));
                (observation, total, steps) = (step.Observation, total + step.Reward, steps + 1);
            }
            while (!step.Done);
            Assert.That((steps, step.Truncated, step.Terminated, total), Is.EqualTo((500, true, false, 500.0)), $"seed {seed}");
        }
    }

    [Test]
    public void PendulumStepsAndCostsAsGymnasium()
    {
        var env = new Pendulum();
        env.Reset(0);
        env.SetState(2.0, -0.5);
        var step = env.Step([1.5f]);
        Assert.That(step.Reward, Is.EqualTo(-4.02725).Within(1e-12));
        Assert.That(env.State.Theta, Is.EqualTo(2.020348653505963).Within(1e-12));
        Assert.That(env.State.ThetaDot, Is.EqualTo(0.4069730701192613).Within(1e-12));
        Assert.That(step.Observation[0], Is.EqualTo((float)Math.Cos(2.020348653505963)));
    }

    [Test]
    public void PendulumClipsTheTorqueAndIsTruncatedAt200Steps()
    {
        var (a, b) = (new Pendulum(), new Pendulum());
        a.Reset(4);
        b.Reset(4);
        for (var i = 0; i < 199; i++)
        {
            var (sa, sb) = (a.Step([50f]), b.Step([2f]));
            Assert.That(sa, Is.EqualTo(sb) .Using<StepResult<float[]>>((p, q) => p.Observation.SequenceEqual(q.Observation) && p.Reward == q.Reward), "a torque beyond 2 acts as 2");
            Assert.That(sa.Done, Is.False);
        }
        Assert.That(a.Step([0f]).Truncated);
    }

    [Test]
    public void TheSameSeedGivesTheSameEpisode()
    {
        var (a, b) = (new Pendulum(), new Pendulum());
        Assert.That(a.Reset(11), Is.EqualTo(b.Reset(11)));
        Assert.That(a.Reset(12), Is.Not.EqualTo(a.Reset(11)));
    }

    [Test]
    public void TheContractRefusesMisuse()
    {
        var env = new CartPole();
        Assert.That(() => env.Step(0), Throws.InvalidOperationException.With.Message.Contain("Reset"));
        env.Reset(0);
        Assert.That(() => env.Step(2), Throws.ArgumentException.With.Message.Contain("2 is not 0 (left) or 1 (right)"));
        var pendulum = new Pendulum();
        pendulum.Reset(0);
        Assert.That(() => pendulum.Step([1f, 2f]), Throws.ArgumentException.With.Message.Contain("2 components"));
        Assert.That(() => pendulum.Step([float.NaN]), Throws.ArgumentException.With.Message.Contain("NaN"));
        env.SetState(3, 0, 0, 0);
        env.Step(0);
        Assert.That(() => env.Step(0), Throws.InvalidOperationException, "no step after the episode ended");
    }
}
