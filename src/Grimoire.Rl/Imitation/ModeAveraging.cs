using Grimoire.Ml.Models;
using Grimoire.Rl.Agents;
using Grimoire.Rl.Catalogue;
using Grimoire.Rl.Environments;

namespace Grimoire.Rl.Imitation;

/// <summary>
/// Book §22.2 and §23.1 side by side: behaviour cloning of the obstacle course's two-route expert with a Gaussian
/// policy and with a mixture-density policy, on the same demonstrations, each scored by how often its deterministic
/// policy reaches the goal and how often it hits the obstacle. Forward KL makes the single Gaussian put its mean
/// between the routes, straight at the obstacle; the mixture keeps a component per route.
/// </summary>
public static class ModeAveraging
{
    /// <summary>Evaluation episodes are seeded from here on (as `grimoire rl train` seeds its evaluation).</summary>
    public const ulong EvaluationSeedBase = 1_000_000;

    /// <summary>Trains `bc-gaussian` and `bc-mdn` on <paramref name="labels"/> expert labels with <paramref name="seed"/>
    /// and scores each on <paramref name="episodes"/> episodes seeded <see cref="EvaluationSeedBase"/> + seed + e.</summary>
    public static IReadOnlyList<ObstacleOutcome> Compare(int seed, long labels, int episodes, TextWriter? progress = null)
    {
        var environment = RlCatalogue.Environment("obstacle");
        return [.. new[] { ImitationAlgorithm.GaussianCloning, ImitationAlgorithm.MixtureCloning }.Select(algorithm =>
        {
            using var agent = algorithm.Train(new RlTrainRequest(environment, labels, 1, seed, ModelSettings.Empty), progress);
            return Score(agent, episodes, EvaluationSeedBase + (ulong)seed);
        })];
    }

    /// <summary>How an obstacle-course agent fares over <paramref name="episodes"/> episodes seeded <paramref name="seed"/> + e.</summary>
    /// <exception cref="ArgumentException">the agent does not act in the obstacle course.</exception>
    public static ObstacleOutcome Score(RlAgent agent, int episodes, ulong seed)
    {
        ArgumentNullException.ThrowIfNull(agent);
        ArgumentOutOfRangeException.ThrowIfLessThan(episodes, 1);
        if (agent.Environment.Name != "obstacle") throw new ArgumentException($"{agent.Algorithm} acts in {agent.Environment.Name}, not the obstacle course", nameof(agent));
        var (env, reached, collided, total) = (new ObstacleCourse(), 0, 0, 0.0);
        for (var e = 0; e < episodes; e++)
        {
            var observation = env.Reset(seed + (ulong)e);
            StepResult<float[]> step;
            do
            {
                step = env.Step(agent.ActContinuous(observation));
                (observation, total) = (step.Observation, total + step.Reward);
            }
            while (!step.Done);
            if (env.ReachedGoal) reached++;
            if (env.Collided) collided++;
        }
        return new ObstacleOutcome(agent.Algorithm, (double)reached / episodes, (double)collided / episodes, total / episodes, episodes);
    }
}

/// <summary>An agent's record on the obstacle course.</summary>
/// <param name="Algorithm">The algorithm that trained it.</param>
/// <param name="SuccessRate">Fraction of episodes that reached the goal.</param>
/// <param name="CollisionRate">Fraction that hit the obstacle.</param>
/// <param name="MeanReturn">Mean return.</param>
/// <param name="Episodes">Episodes run.</param>
public sealed record ObstacleOutcome(string Algorithm, double SuccessRate, double CollisionRate, double MeanReturn, int Episodes);
