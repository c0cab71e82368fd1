namespace Grimoire.Rl.Imitation;

/// <summary>The dataset 𝒟 of (s*, a*) pairs that behaviour cloning fits and DAgger aggregates (book §22.1, §24): states
/// with the expert's action, appended in order.</summary>
public sealed class Demonstrations(int observationSize, int actionSize)
{
    private readonly List<float> _observations = [];
    private readonly List<float> _actions = [];

    /// <summary>Components per observation.</summary>
    public int ObservationSize { get; } = observationSize;

    /// <summary>Components per action.</summary>
    public int ActionSize { get; } = actionSize;

    /// <summary>Pairs held.</summary>
    public int Count => _actions.Count / ActionSize;

    /// <summary>Adds the pair (<paramref name="observation"/>, <paramref name="action"/>).</summary>
    /// <exception cref="ArgumentException">either has the wrong number of components.</exception>
    public void Add(float[] observation, float[] action)
    {
        ArgumentNullException.ThrowIfNull(observation);
        ArgumentNullException.ThrowIfNull(action);
        if (observation.Length != ObservationSize || action.Length != ActionSize)
            throw new ArgumentException($"a demonstration pair has {ObservationSize} observation and {ActionSize} action components, got {observation.Length} and {action.Length}");
        _observations.AddRange(observation);
        _actions.AddRange(action);
    }

    /// <summary>The pairs at <paramref name="rows"/> as tensors of <paramref name="dtype"/>: observations [n, d_s], actions [n, d_a].</summary>
    public (Tensor Observations, Tensor Actions) Batch(ReadOnlySpan<int> rows, DType dtype)
    {
        var (observations, actions) = (new float[rows.Length * ObservationSize], new float[rows.Length * ActionSize]);
        for (var i = 0; i < rows.Length; i++)
        {
            for (var j = 0; j < ObservationSize; j++) observations[i * ObservationSize + j] = _observations[rows[i] * ObservationSize + j];
            for (var j = 0; j < ActionSize; j++) actions[i * ActionSize + j] = _actions[rows[i] * ActionSize + j];
        }
        return (Tensor.FromArray(observations, new Shape(rows.Length, ObservationSize)).To(dtype), Tensor.FromArray(actions, new Shape(rows.Length, ActionSize)).To(dtype));
    }
}
