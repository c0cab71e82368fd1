using Grimoire.Rl.Spaces;

namespace Grimoire.Rl.Environments;

/// <summary>
/// A tabular MDP (book §21.3): a grid of <see cref="Width"/> × <see cref="Height"/> cells, states numbered row by row,
/// actions 0 up, 1 right, 2 down, 3 left; a move off the grid stays put. Every step costs −1 and the terminal cells end
/// the episode. With <see cref="Slip"/> &gt; 0 a move goes in a uniformly random other direction with that probability,
/// so transitions are stochastic. Its full model (<see cref="Transitions"/>) is what value iteration solves; with no slip
/// and discount γ the optimal value of a cell d steps from the nearest terminal is −(1 − γ^d)/(1 − γ) (−d for γ = 1),
/// the ground truth the tests hold <see cref="ValueIteration"/> to. Truncated at 100 steps.
/// </summary>
public sealed class GridWorld : Environment<int, int>
{
    private static readonly (int Dx, int Dy)[] Moves = [(0, -1), (1, 0), (0, 1), (-1, 0)];
    private readonly HashSet<int> _terminals;
    private int _state;

    /// <summary>A grid with the given terminal cells (by default the two opposite corners of a 4 × 4 grid).</summary>
    /// <exception cref="ArgumentException">a size below 1 or above 64, no terminal, a terminal off the grid, or a slip
    /// probability outside [0, 1).</exception>
    public GridWorld(int width = 4, int height = 4, IReadOnlyList<int>? terminals = null, double slip = 0)
    {
        if (width is < 1 or > 64 || height is < 1 or > 64) throw new ArgumentException($"a grid world is 1 to 64 cells each way, got {width} x {height}");
        var cells = width * height;
        var ends = terminals ?? [0, cells - 1];
        if (ends.Count == 0 || ends.Any(t => t < 0 || t >= cells)) throw new ArgumentException($"terminal cells must be between 0 and {cells - 1}, at least one; got [{string.Join(", ", ends)}]");
        if (!(slip >= 0 && slip < 1)) throw new ArgumentException($"slip must be in [0, 1), got {slip}");
        if (ends.Distinct().Count() == cells) throw new ArgumentException("a grid world needs at least one cell that is not terminal");
        (Width, Height, Slip, _terminals) = (width, height, slip, [.. ends]);
        ObservationSpace = new DiscreteSpace(cells);
    }

    /// <summary>Cells per row.</summary>
    public int Width { get; }

    /// <summary>Rows.</summary>
    public int Height { get; }

    /// <summary>The probability that a move goes in another direction.</summary>
    public double Slip { get; }

    /// <summary>The number of states.</summary>
    public int States => Width * Height;

    /// <summary>The number of actions (4).</summary>
    public int Actions => Moves.Length;

    /// <inheritdoc/>
    public override string Name => "gridworld";

    /// <inheritdoc/>
    public override string BookSection => "§21";

    /// <summary>The cell index.</summary>
    public override Space ObservationSpace { get; }

    /// <summary>Up, right, down, left.</summary>
    public override Space ActionSpace { get; } = new DiscreteSpace(4);

    /// <inheritdoc/>
    public override int MaxEpisodeSteps => 100;

    /// <summary>Whether <paramref name="state"/> ends an episode.</summary>
    public bool IsTerminal(int state) => _terminals.Contains(state);

    /// <summary>The model: each outcome of <paramref name="action"/> in <paramref name="state"/> with its probability, next
    /// state and reward (probabilities of equal outcomes are not merged). A terminal state has no outcomes.</summary>
    public IReadOnlyList<(double Probability, int Next, double Reward)> Transitions(int state, int action)
    {
        if (IsTerminal(state)) return [];
        var outcomes = new List<(double, int, double)> { (1 - Slip, Move(state, action), -1.0) };
        if (Slip > 0)
            for (var other = 0; other < Moves.Length; other++)
                if (other != action) outcomes.Add((Slip / (Moves.Length - 1), Move(state, other), -1.0));
        return outcomes;
    }

    /// <inheritdoc/>
    protected override int Start()
    {
        do _state = (int)(Random.NextDouble() * States);
        while (IsTerminal(_state));
        return _state;
    }

    /// <inheritdoc/>
    protected override (int Observation, double Reward, bool Terminated) Advance(int action)
    {
        if (Slip > 0 && Random.NextDouble() < Slip)
        {
            var others = Enumerable.Range(0, Moves.Length).Where(a => a != action).ToArray();
            action = others[(int)(Random.NextDouble() * others.Length)];
        }
        _state = Move(_state, action);
        return (_state, -1.0, IsTerminal(_state));
    }

    /// <inheritdoc/>
    protected override double[] SaveState() => [_state];

    /// <inheritdoc/>
    protected override void RestoreState(ReadOnlySpan<double> state)
    {
        CheckStateLength(state, 1);
        if (!(state[0] >= 0 && state[0] < States && state[0] == Math.Floor(state[0]))) throw new ArgumentException($"{Name}: a saved cell must be an integer in [0, {States}), got {state[0]}", nameof(state));
        _state = (int)state[0];
    }

    /// <inheritdoc/>
    protected override string? Invalid(int action) => action is >= 0 and < 4 ? null : $"{action} is not 0 (up), 1 (right), 2 (down) or 3 (left)";

    private int Move(int state, int action)
    {
        var (x, y) = (state % Width + Moves[action].Dx, state / Width + Moves[action].Dy);
        return x < 0 || x >= Width || y < 0 || y >= Height ? state : y * Width + x;
    }
}
