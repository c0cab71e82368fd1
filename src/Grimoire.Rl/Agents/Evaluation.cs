using Grimoire.Rl.Environments;

namespace Grimoire.Rl.Agents;

/// <summary>Scores an agent the way every report does: whole episodes with deterministic actions on their own seeds.</summary>
public static class Evaluation
{
    /// <summary>Mean and (population) standard deviation of the returns of <paramref name="episodes"/> episodes, episode
    /// e seeded with <paramref name="seed"/> + e.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="episodes"/> is below 1.</exception>
    public static (double Mean, double Std, IReadOnlyList<double> Returns) Run(RlAgent agent, int episodes, ulong seed)
    {
        ArgumentNullException.ThrowIfNull(agent);
        ArgumentOutOfRangeException.ThrowIfLessThan(episodes, 1);
        var returns = new double[episodes];
        for (var e = 0; e < episodes; e++)
            returns[e] = agent.Environment.IsDiscrete
                ? Episode(agent.Environment.MakeDiscrete!(), agent.ActDiscrete, seed + (ulong)e)
                : Episode(agent.Environment.MakeContinuous!(), agent.ActContinuous, seed + (ulong)e);
        var mean = returns.Average();
        return (mean, Math.Sqrt(returns.Sum(r => (r - mean) * (r - mean)) / episodes), returns);
    }

    private static double Episode<TAction>(Environment<float[], TAction> env, Func<float[], TAction> act, ulong seed)
    {
        var observation = env.Reset(seed);
        var total = 0.0;
        while (true)
        {
            var step = env.Step(act(observation));
            total += step.Reward;
            if (step.Done) return total;
            observation = step.Observation;
        }
    }
}
