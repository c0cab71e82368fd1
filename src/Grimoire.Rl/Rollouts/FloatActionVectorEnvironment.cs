using Grimoire.Rl.Catalogue;
using Grimoire.Rl.Environments;

namespace Grimoire.Rl.Rollouts;

/// <summary>A vectorised environment of the catalogue stepped with actions as rows of floats (a discrete action as its
/// index), which is how a policy network writes them, whatever the environment's action type. The per-copy action
/// arrays are reused from step to step.</summary>
public abstract class FloatActionVectorEnvironment
{
    /// <summary><paramref name="copies"/> copies of <paramref name="environment"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="copies"/> is not between 1 and 4096.</exception>
    public static FloatActionVectorEnvironment Create(EnvironmentEntry environment, int copies)
    {
        ArgumentNullException.ThrowIfNull(environment);
        return environment.IsDiscrete
            ? new Typed<int>(new VectorEnvironment<int>(environment.MakeDiscrete!, copies), 1, (row, _) => (int)row[0])
            : new Continuous(new VectorEnvironment<float[]>(environment.MakeContinuous!, copies), ((Spaces.BoxSpace)environment.ActionSpace).Dimension);
    }

    /// <summary>Copies stepped together.</summary>
    public abstract int Count { get; }

    /// <summary>Components per observation.</summary>
    public abstract int ObservationSize { get; }

    /// <summary>Floats per action.</summary>
    public abstract int ActionWidth { get; }

    /// <summary>The finished episodes.</summary>
    public abstract IReadOnlyList<EpisodeRecord> Episodes { get; }

    /// <summary>Resets every copy (copy i with seed + i); the [N, d] first observations.</summary>
    public abstract float[] Reset(ulong seed);

    /// <summary>Steps copy i with the action in row i of <paramref name="actions"/> ([N·width]).</summary>
    /// <exception cref="ArgumentException">not one action per copy, or one outside the action space.</exception>
    public abstract VectorStep Step(ReadOnlySpan<float> actions);

    /// <summary>See <see cref="VectorEnvironment{TAction}.Snapshot"/>.</summary>
    public abstract VectorSnapshot Snapshot();

    /// <summary>See <see cref="VectorEnvironment{TAction}.Restore"/>.</summary>
    public abstract void Restore(VectorSnapshot snapshot);

    private class Typed<TAction>(VectorEnvironment<TAction> vector, int width, Func<ReadOnlySpan<float>, int, TAction> decode) : FloatActionVectorEnvironment
    {
        private readonly TAction[] _actions = new TAction[vector.Count];

        public override int Count => vector.Count;

        public override int ObservationSize => vector.ObservationSize;

        public override int ActionWidth => width;

        public override IReadOnlyList<EpisodeRecord> Episodes => vector.Episodes;

        public override float[] Reset(ulong seed) => vector.Reset(seed);

        public override VectorStep Step(ReadOnlySpan<float> actions)
        {
            if (actions.Length != (long)Count * width) throw new ArgumentException($"{Count} copies need {(long)Count * width} action floats, got {actions.Length}", nameof(actions));
            for (var i = 0; i < Count; i++) _actions[i] = decode(actions.Slice(i * width, width), i);
            return vector.Step(_actions);
        }

        public override VectorSnapshot Snapshot() => vector.Snapshot();

        public override void Restore(VectorSnapshot snapshot) => vector.Restore(snapshot);
    }

    private sealed class Continuous : Typed<float[]>
    {
        public Continuous(VectorEnvironment<float[]> vector, int width)
            : this(vector, width, [.. Enumerable.Range(0, vector.Count).Select(_ => new float[width])])
        {
        }

        private Continuous(VectorEnvironment<float[]> vector, int width, float[][] rows)
            : base(vector, width, (row, i) =>
            {
                row.CopyTo(rows[i]);
                return rows[i];
            })
        {
        }
    }
}
