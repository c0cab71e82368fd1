namespace Grimoire.Rl.Environments;

/// <summary>A scripted policy that demonstrates a task for imitation learning (book §22–24): it labels any state the
/// learner reaches, as DAgger needs.</summary>
public interface IExpert<in TObservation, out TAction>
{
    /// <summary>The expert's action in the state observed as <paramref name="observation"/>.</summary>
    TAction Act(TObservation observation);
}

/// <summary>CartPole's expert: push towards where the pole is falling, with a little weight on the cart's drift, i.e.
/// right when θ + 0.5·θ̇ + 0.01·x + 0.1·ẋ &gt; 0. It balances for the full 500 steps from Gymnasium's starts.</summary>
public sealed class CartPoleExpert : IExpert<float[], int>
{
    /// <inheritdoc/>
    public int Act(float[] observation)
    {
        ArgumentNullException.ThrowIfNull(observation);
        return observation[2] + 0.5 * observation[3] + 0.01 * observation[0] + 0.1 * observation[1] > 0 ? 1 : 0;
    }
}

/// <summary>The obstacle course's bimodal expert: below the obstacle it heads for a waypoint beside it, (±0.7, 0), then
/// for the goal, at full speed. On the centre line (|x| &lt; 0.03, where every episode starts) it picks the side at random from its own seeded
/// generator, afterwards it keeps the side it is on: its demonstrations go round left and right equally often.</summary>
public sealed class ObstacleExpert(ulong seed = 0) : IExpert<float[], float[]>
{
    private const double SideX = 0.7;
    private readonly Rng _random = new(seed);

    /// <inheritdoc/>
    public float[] Act(float[] observation)
    {
        ArgumentNullException.ThrowIfNull(observation);
        var (x, y) = ((double)observation[0], (double)observation[1]);
        var (tx, ty) = y < 0 ? (Side(x) * SideX, 0.0) : (0.0, 1.0);
        var (dx, dy) = (tx - x, ty - y);
        var length = Math.Max(Math.Sqrt(dx * dx + dy * dy), 1e-9);
        return [(float)(dx / length), (float)(dy / length)];
    }

    private double Side(double x) => Math.Abs(x) < 0.03 ? (_random.NextDouble() < 0.5 ? -1 : 1) : Math.Sign(x);
}
