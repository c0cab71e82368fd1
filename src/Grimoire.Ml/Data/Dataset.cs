namespace Grimoire.Ml.Data;

/// <summary>A table of float64 features [n, d] with an optional target column [n], as engine tensors.
/// Owns its tensors.</summary>
public sealed class Dataset(string source, string[] features, Tensor x, string? targetName, Tensor? y) : IDisposable
{
    /// <summary>Where the data came from (file path, data set name or generator spec), for messages.</summary>
    public string Source { get; } = source;

    /// <summary>The feature columns' names, in the order of <see cref="X"/>'s columns.</summary>
    public IReadOnlyList<string> Features { get; } = features;

    /// <summary>The features, float64 [rows, features], owned by the data set.</summary>
    public Tensor X { get; } = x;

    /// <summary>The target column's name, or null when the set has no target.</summary>
    public string? TargetName { get; } = targetName;

    /// <summary>The target, float64 [rows], owned by the data set; null without a target.</summary>
    public Tensor? Y { get; } = y;

    /// <summary>Number of samples.</summary>
    public int Rows => X.Shape[0];

    /// <summary>The target, or a <see cref="DataException"/> naming what a supervised model needs.</summary>
    public Tensor RequireTarget(string model) =>
        Y ?? throw new DataException($"{model} needs a target column: pass --target <column> (columns of {Source}: {string.Join(", ", Features)})");

    /// <summary>Disposes <see cref="X"/> and <see cref="Y"/>.</summary>
    public void Dispose()
    {
        X.Dispose();
        Y?.Dispose();
    }
}
