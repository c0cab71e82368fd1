namespace Grimoire.Rl.Rollouts;

/// <summary>
/// The return estimates of book §25–26 over a rollout laid out time-major, step t of copy n at index t·N + n.
/// Every step carries its reward, whether its episode ended there (terminated or truncated), and the value of the
/// state that follows it: 0 after a termination (no reward follows), V(final observation) after a truncation (the state
/// still has value, so the estimate bootstraps from it), V(sₜ₊₁) otherwise; on the last row that value bootstraps the
/// episodes the rollout cut off. With no value function every next value is 0 and an episode cut off is simply summed.
/// </summary>
public static class ReturnEstimates
{
    /// <summary>The discounted return-to-go Gₜ = rₜ + γ·Gₜ₊₁ within an episode, Σ_{t'≥t} γ^(t'−t)·r_{t'} (the book's
    /// §26.1 writes γ^{t'}; the standard form discounts from the current step), where an episode's end or the rollout's
    /// last row takes the next state's value in place of Gₜ₊₁. Accumulates in double.</summary>
    /// <param name="rewards">rₜ, [T·N].</param>
    /// <param name="ended">Whether the episode ended at step t, [T·N].</param>
    /// <param name="nextValues">The value of the state after step t, [T·N] (see the type's summary).</param>
    /// <param name="copies">N, the copies stepped together.</param>
    /// <param name="gamma">The discount γ in [0, 1].</param>
    /// <param name="returns">Receives Gₜ, [T·N].</param>
    /// <exception cref="ArgumentException">lengths that differ or are not a multiple of <paramref name="copies"/>, or γ outside [0, 1].</exception>
    public static void ReturnToGo(ReadOnlySpan<float> rewards, ReadOnlySpan<bool> ended, ReadOnlySpan<float> nextValues, int copies, double gamma, Span<float> returns)
    {
        Check(rewards.Length, ended.Length, nextValues.Length, returns.Length, copies, gamma, lambda: 1);
        var steps = rewards.Length / copies;
        for (var n = 0; n < copies; n++)
        {
            double following = 0;
            for (var t = steps - 1; t >= 0; t--)
            {
                var i = t * copies + n;
                var next = ended[i] || t == steps - 1 ? nextValues[i] : following;
                following = rewards[i] + gamma * next;
                returns[i] = (float)following;
            }
        }
    }

    /// <summary>Generalised advantage estimation (Schulman et al. 2016): δₜ = rₜ + γ·V(next) − V(sₜ) and
    /// Aₜ = δₜ + γλ·Aₜ₊₁ within an episode, the sum stopping at an episode's end and at the rollout's last row (whose
    /// δ already bootstraps from the next state's value). λ = 1 gives the return-to-go minus V(sₜ), λ = 0 the one-step δ.</summary>
    /// <param name="rewards">rₜ, [T·N].</param>
    /// <param name="values">V(sₜ), [T·N].</param>
    /// <param name="ended">Whether the episode ended at step t, [T·N].</param>
    /// <param name="nextValues">The value of the state after step t, [T·N].</param>
    /// <param name="copies">N.</param>
    /// <param name="gamma">γ in [0, 1].</param>
    /// <param name="lambda">λ in [0, 1].</param>
    /// <param name="advantages">Receives Aₜ, [T·N].</param>
    /// <exception cref="ArgumentException">lengths that differ or are not a multiple of <paramref name="copies"/>, or γ or λ outside [0, 1].</exception>
    public static void GeneralizedAdvantages(ReadOnlySpan<float> rewards, ReadOnlySpan<float> values, ReadOnlySpan<bool> ended, ReadOnlySpan<float> nextValues,
        int copies, double gamma, double lambda, Span<float> advantages)
    {
        Check(rewards.Length, ended.Length, nextValues.Length, advantages.Length, copies, gamma, lambda);
        if (values.Length != rewards.Length) throw new ArgumentException($"{values.Length} values for {rewards.Length} rewards", nameof(values));
        var steps = rewards.Length / copies;
        for (var n = 0; n < copies; n++)
        {
            double following = 0;
            for (var t = steps - 1; t >= 0; t--)
            {
                var i = t * copies + n;
                var delta = rewards[i] + gamma * nextValues[i] - values[i];
                following = delta + (ended[i] || t == steps - 1 ? 0 : gamma * lambda * following);
                advantages[i] = (float)following;
            }
        }
    }

    /// <summary>Shifts and scales <paramref name="values"/> to mean 0 and (sample) standard deviation 1 (plus 1e-8), as PPO, TRPO
    /// and REINFORCE implementations normalise advantages; a single value becomes 0.</summary>
    public static void Standardize(Span<float> values)
    {
        double mean = 0, squares = 0;
        foreach (var v in values) mean += v;
        mean /= values.Length;
        foreach (var v in values) squares += (v - mean) * (v - mean);
        var std = values.Length > 1 ? Math.Sqrt(squares / (values.Length - 1)) : 0;
        for (var i = 0; i < values.Length; i++) values[i] = (float)((values[i] - mean) / (std + 1e-8));
    }

    private static void Check(int rewards, int ended, int nextValues, int output, int copies, double gamma, double lambda)
    {
        if (copies < 1) throw new ArgumentException($"a rollout needs at least one copy, got {copies}", nameof(copies));
        if (ended != rewards || nextValues != rewards || output != rewards)
            throw new ArgumentException($"rewards ({rewards}), end flags ({ended}), next values ({nextValues}) and the output ({output}) must have one entry per step");
        if (rewards % copies != 0) throw new ArgumentException($"{rewards} steps are not a whole number of rows of {copies} copies", nameof(copies));
        if (!(gamma >= 0 && gamma <= 1)) throw new ArgumentException($"the discount gamma must be in [0, 1], got {gamma}", nameof(gamma));
        if (!(lambda >= 0 && lambda <= 1)) throw new ArgumentException($"the GAE lambda must be in [0, 1], got {lambda}", nameof(lambda));
    }
}
