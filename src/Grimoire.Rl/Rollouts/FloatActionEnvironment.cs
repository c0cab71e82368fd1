using Grimoire.Rl.Catalogue;
using Grimoire.Rl.Environments;

namespace Grimoire.Rl.Rollouts;

/// <summary>One environment of the catalogue stepped with an action as a row of floats (a discrete action as its index),
/// as a policy network writes it, whatever the environment's action type.</summary>
public abstract class FloatActionEnvironment
{
    /// <summary>A fresh copy of <paramref name="environment"/>.</summary>
    public static FloatActionEnvironment Create(EnvironmentEntry environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        if (environment.IsDiscrete) return new Typed<int>(environment.MakeDiscrete!(), 1, row => (int)row[0]);
        var width = ((Spaces.BoxSpace)environment.ActionSpace).Dimension;
        var action = new float[width];
        return new Typed<float[]>(environment.MakeContinuous!(), width, row =>
        {
            row.CopyTo(action);
            return action;
        });
    }

    /// <summary>Floats per action.</summary>
    public abstract int ActionWidth { get; }

    /// <summary>See <see cref="Environment{TObservation, TAction}.Reset"/>.</summary>
    public abstract float[] Reset(ulong? seed = null);

    /// <summary>Applies the action in <paramref name="action"/>.</summary>
    /// <exception cref="ArgumentException">not one action, or one outside the action space.</exception>
    public abstract StepResult<float[]> Step(ReadOnlySpan<float> action);

    /// <summary>See <see cref="Environment{TObservation, TAction}.Snapshot"/>.</summary>
    public abstract EnvironmentSnapshot Snapshot();

    /// <summary>See <see cref="Environment{TObservation, TAction}.Restore"/>.</summary>
    public abstract void Restore(EnvironmentSnapshot snapshot);

    private sealed class Typed<TAction>(Environment<float[], TAction> environment, int width, Func<ReadOnlySpan<float>, TAction> decode) : FloatActionEnvironment
    {
        public override int ActionWidth => width;

        public override float[] Reset(ulong? seed = null) => environment.Reset(seed);

        public override StepResult<float[]> Step(ReadOnlySpan<float> action) =>
            action.Length == width ? environment.Step(decode(action)) : throw new ArgumentException($"an action has {width} floats, got {action.Length}", nameof(action));

        public override EnvironmentSnapshot Snapshot() => environment.Snapshot();

        public override void Restore(EnvironmentSnapshot snapshot) => environment.Restore(snapshot);
    }
}
