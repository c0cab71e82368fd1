using Grimoire.Rl.Spaces;

namespace Grimoire.Rl.Environments;

/// <summary>A <see cref="GridWorld"/> whose observation is the one-hot vector of its cell, so the deep algorithms, which
/// read vectors, can learn it too; the dynamics, rewards and limits are the grid world's.</summary>
public sealed class OneHotGridWorld : Environment<float[], int>
{
    private readonly GridWorld _world;

    /// <summary>Wraps <paramref name="world"/> (a 4 × 4 grid with opposite terminal corners by default).</summary>
    public OneHotGridWorld(GridWorld? world = null)
    {
        _world = world ?? new GridWorld();
        ObservationSpace = BoxSpace.Uniform(_world.States, 0, 1);
    }

    /// <inheritdoc/>
    public override string Name => _world.Name;

    /// <inheritdoc/>
    public override string BookSection => _world.BookSection;

    /// <summary>One component per cell, 1 at the current cell.</summary>
    public override Space ObservationSpace { get; }

    /// <inheritdoc/>
    public override Space ActionSpace => _world.ActionSpace;

    /// <inheritdoc/>
    public override int MaxEpisodeSteps => _world.MaxEpisodeSteps;

    /// <inheritdoc/>
    protected override float[] Start() => OneHot(_world.Reset((ulong)(Random.NextDouble() * ulong.MaxValue)));

    /// <inheritdoc/>
    protected override (float[] Observation, double Reward, bool Terminated) Advance(int action)
    {
        var step = _world.Step(action);
        return (OneHot(step.Observation), step.Reward, step.Terminated);
    }

    /// <summary>The wrapped world's whole snapshot: its cell, step count, whether it runs, and its generator, whose four
    /// words are stored as the bits of four doubles so they come back exactly.</summary>
    protected override double[] SaveState()
    {
        var inner = _world.Snapshot();
        var r = inner.Random;
        return [inner.State[0], inner.EpisodeStep, inner.Running ? 1 : 0, Bits(r.S0), Bits(r.S1), Bits(r.S2), Bits(r.S3), r.SpareNormal ?? double.NaN];
    }

    /// <inheritdoc/>
    protected override void RestoreState(ReadOnlySpan<double> state)
    {
        CheckStateLength(state, 8);
        var random = new RngState(Word(state[3]), Word(state[4]), Word(state[5]), Word(state[6]), double.IsNaN(state[7]) ? null : state[7]);
        if (!random.IsValid || state[1] != Math.Floor(state[1])) throw new ArgumentException($"{Name}: the saved inner world is not a valid state", nameof(state));
        _world.Restore(new EnvironmentSnapshot(random, (int)state[1], state[2] != 0, [state[0]]));
    }

    private static double Bits(ulong word) => BitConverter.UInt64BitsToDouble(word);

    private static ulong Word(double bits) => BitConverter.DoubleToUInt64Bits(bits);

    /// <inheritdoc/>
    protected override string? Invalid(int action) => action is >= 0 and < 4 ? null : $"{action} is not 0 (up), 1 (right), 2 (down) or 3 (left)";

    private float[] OneHot(int cell)
    {
        var v = new float[_world.States];
        v[cell] = 1;
        return v;
    }
}
