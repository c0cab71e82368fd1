namespace Grimoire.Rl.Policies;

/// <summary>A policy over <see cref="Actions"/> discrete actions: the MLP gives the logits of a
/// <see cref="CategoricalDistribution"/>.</summary>
/// <param name="observationSize">Components per observation.</param>
/// <param name="actions">How many actions there are (at least 2).</param>
/// <param name="hidden">Units per hidden layer.</param>
/// <param name="layers">Hidden layers.</param>
/// <param name="rng">Draws the initial weights.</param>
public sealed class CategoricalPolicy(int observationSize, int actions, int hidden, int layers, Rng rng)
    : PolicyNetwork(observationSize, actions >= 2 ? actions : throw new ArgumentOutOfRangeException(nameof(actions), actions, "a categorical policy needs at least two actions"), hidden, layers, rng)
{
    /// <summary>The number of actions.</summary>
    public int Actions { get; } = actions;

    /// <inheritdoc/>
    public override int ActionWidth => 1;

    /// <summary>The distribution over actions for each observation row.</summary>
    public override ActionDistribution Forward(Tensor input) => new CategoricalDistribution(Body.Forward(input));

    /// <summary>int32 action indices [count].</summary>
    /// <exception cref="ArgumentException">not <paramref name="count"/> rows, or a row that is not an action index.</exception>
    public override Tensor ActionTensor(ReadOnlySpan<float> rows, int count)
    {
        CheckRows(rows, count);
        var indices = new int[count];
        for (var i = 0; i < count; i++)
        {
            if (!(rows[i] >= 0 && rows[i] < Actions && rows[i] == MathF.Floor(rows[i]))) throw new ArgumentException($"action {rows[i]} of row {i} is not one of 0..{Actions - 1}", nameof(rows));
            indices[i] = (int)rows[i];
        }
        return Tensor.FromArray(indices, new Shape(count));
    }
}
