namespace Grimoire.Rl.Environments;

/// <summary>Value iteration on a <see cref="GridWorld"/>'s model (book §21.3): V(s) ← max_a Σ p·(r + γ·V(s′)) until no
/// value moves by more than the tolerance, then the greedy policy. The discount γ multiplies the next state's value, as
/// in the standard Bellman optimality equation.</summary>
public static class ValueIteration
{
    /// <summary>The optimal values (terminal states 0) and a greedy action per state (−1 for terminal states).</summary>
    /// <exception cref="ArgumentException">γ outside (0, 1] or a tolerance that is not positive.</exception>
    /// <exception cref="InvalidOperationException">no convergence in <paramref name="maxSweeps"/> sweeps (γ = 1 with a
    /// state that cannot reach a terminal).</exception>
    public static (double[] Values, int[] Policy) Solve(GridWorld world, double gamma, double tolerance = 1e-10, int maxSweeps = 100_000)
    {
        ArgumentNullException.ThrowIfNull(world);
        if (!(gamma > 0 && gamma <= 1)) throw new ArgumentException($"the discount must be in (0, 1], got {gamma}", nameof(gamma));
        if (!(tolerance > 0)) throw new ArgumentException($"the tolerance must be positive, got {tolerance}", nameof(tolerance));
        var values = new double[world.States];
        for (var sweep = 0; sweep < maxSweeps; sweep++)
        {
            var change = 0.0;
            for (var s = 0; s < world.States; s++)
            {
                if (world.IsTerminal(s)) continue;
                var best = Enumerable.Range(0, world.Actions).Max(a => Backup(world, values, s, a, gamma));
                change = Math.Max(change, Math.Abs(best - values[s]));
                values[s] = best;
            }
            if (change < tolerance)
                return (values, [.. Enumerable.Range(0, world.States).Select(s => world.IsTerminal(s) ? -1 : Greedy(world, values, s, gamma))]);
        }
        throw new InvalidOperationException($"value iteration did not converge in {maxSweeps} sweeps (γ = {gamma})");
    }

    private static double Backup(GridWorld world, double[] values, int state, int action, double gamma) =>
        world.Transitions(state, action).Sum(t => t.Probability * (t.Reward + gamma * values[t.Next]));

    private static int Greedy(GridWorld world, double[] values, int state, double gamma) =>
        Enumerable.Range(0, world.Actions).MaxBy(a => Backup(world, values, state, a, gamma));
}
