using Grimoire.Rl.Environments;

namespace Grimoire.Tests.Rl;

/// <summary>The imitation task: the expert reaches the goal, going round either side about equally often, while the
/// average of its two routes (straight up) hits the obstacle.</summary>
public sealed class ObstacleCourseTests
{
    [Test]
    public void TheExpertSucceedsOnBothSides()
    {
        var (env, expert) = (new ObstacleCourse(), new ObstacleExpert(seed: 3));
        var (successes, left) = (0, 0);
        const int episodes = 200;
        for (var e = 0; e < episodes; e++)
        {
            var observation = env.Reset((ulong)e);
            var minX = 0f;
            StepResult<float[]> step;
            do
            {
                step = env.Step(expert.Act(observation));
                observation = step.Observation;
                minX = Math.Min(minX, observation[0]);
            }
            while (!step.Done);
            if (env.ReachedGoal) successes++;
            if (minX < -0.3f) left++;
        }
        Assert.That(successes, Is.EqualTo(episodes), "the expert always reaches the goal");
        Assert.That(left / (double)episodes, Is.InRange(0.4, 0.6), "both routes are demonstrated");
    }

    [Test]
    public void TheAverageRouteHitsTheObstacle()
    {
        var env = new ObstacleCourse();
        env.Reset(0);
        StepResult<float[]> step;
        do step = env.Step([0f, 1f]);
        while (!step.Done);
        Assert.That(env.Collided && step.Terminated && step.Reward == -1, "straight up ends on the obstacle");
    }
}
