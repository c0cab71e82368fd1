using Grimoire.Rl.Environments;

namespace Grimoire.Tests.Rl;

/// <summary>Book §21's definitions on a tabular MDP: value iteration reaches the closed-form optimal values, its greedy
/// policy walks to a terminal, and the environment samples the transitions its model states.</summary>
public sealed class GridWorldTests
{
    [TestCase(1.0)]
    [TestCase(0.9)]
    [TestCase(0.5)]
    public void ValueIterationGivesTheClosedFormValues(double gamma)
    {
        var world = new GridWorld(5, 4, terminals: [0, 19]);
        var (values, policy) = ValueIteration.Solve(world, gamma);
        for (var s = 0; s < world.States; s++)
        {
            var (x, y) = (s % 5, s / 5);
            var d = Math.Min(x + y, 4 - x + 3 - y);
            var expected = gamma == 1 ? -d : -(1 - Math.Pow(gamma, d)) / (1 - gamma);
            Assert.That(values[s], Is.EqualTo(expected).Within(1e-8), $"state {s}");
        }
        var env = new GridWorld(5, 4, terminals: [0, 19]);
        var state = env.Reset(3);
        var steps = 0;
        while (true)
        {
            var step = env.Step(policy[state]);
            (state, steps) = (step.Observation, steps + 1);
            if (!step.Done) continue;
            Assert.That(step.Terminated, "the greedy policy ends at a terminal cell");
            break;
        }
        Assert.That(steps, Is.LessThanOrEqualTo(4), "the greedy policy takes a shortest path");
    }

    [Test]
    public void SlipModelSumsToOneAndMatchesSampledFrequencies()
    {
        var world = new GridWorld(4, 4, slip: 0.3);
        for (var s = 1; s < 15; s++)
            for (var a = 0; a < 4; a++)
                Assert.That(world.Transitions(s, a).Sum(t => t.Probability), Is.EqualTo(1).Within(1e-12));
        // from cell 5 going right: 0.7 to cell 6, 0.1 each to 1 (up), 9 (down) and 4 (left)
        var counts = new Dictionary<int, int>();
        var env = new GridWorld(4, 4, slip: 0.3);
        env.Reset(1);
        const int draws = 20_000;
        for (var i = 0; i < draws; i++)
        {
            while (env.Reset() != 5) { }
            var next = env.Step(1).Observation;
            counts[next] = counts.GetValueOrDefault(next) + 1;
        }
        foreach (var (next, probability) in world.Transitions(5, 1).GroupBy(t => t.Next).Select(g => (g.Key, g.Sum(t => t.Probability))))
            Assert.That(counts.GetValueOrDefault(next) / (double)draws, Is.EqualTo(probability).Within(0.015), $"next {next}");
    }

    [Test]
    public void BadGridsAreRefused()
    {
        Assert.That(() => new GridWorld(0, 3), Throws.ArgumentException.With.Message.Contain("1 to 64"));
        Assert.That(() => new GridWorld(3, 3, terminals: [9]), Throws.ArgumentException.With.Message.Contain("between 0 and 8"));
        Assert.That(() => new GridWorld(slip: 1), Throws.ArgumentException.With.Message.Contain("slip"));
        Assert.That(() => ValueIteration.Solve(new GridWorld(), 0), Throws.ArgumentException.With.Message.Contain("discount"));
    }
}
