using Grimoire.Rl.Rollouts;

namespace Grimoire.Rlhf.Ppo;

/// <summary>GAE over generated tokens: each sequence is one episode of L token-steps that ends after its last token
/// (nothing follows, so the value after it is 0), the steps laid out time-major as Grimoire.Rl's
/// <see cref="ReturnEstimates"/> expects, which does the arithmetic.</summary>
public static class TokenAdvantages
{
    /// <summary>Aₜ by GAE(γ, λ) and the value targets Aₜ + V(sₜ), time-major [L·N], for per-token rewards and values [L·N].</summary>
    public static (float[] Advantages, float[] Returns) Compute(float[] rewards, float[] values, int sequences, double gamma, double lambda)
    {
        ArgumentNullException.ThrowIfNull(rewards);
        ArgumentNullException.ThrowIfNull(values);
        if (sequences < 1 || rewards.Length % sequences != 0 || values.Length != rewards.Length)
            throw new ArgumentException($"{rewards.Length} rewards and {values.Length} values are not whole rows of {sequences} sequences");
        var count = rewards.Length;
        var (ended, nextValues) = (new bool[count], new float[count]);
        for (var i = 0; i < count; i++)
        {
            ended[i] = i >= count - sequences;
            nextValues[i] = ended[i] ? 0 : values[i + sequences];
        }
        var advantages = new float[count];
        ReturnEstimates.GeneralizedAdvantages(rewards, values, ended, nextValues, sequences, gamma, lambda, advantages);
        return (advantages, [.. advantages.Zip(values, (a, v) => a + v)]);
    }
}
