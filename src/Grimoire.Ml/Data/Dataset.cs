namespace Grimoire.Ml.Data;

/// <summary>A table of float64 features [n, d] with an optional target column [n], as engine tensors.
/// Owns its tensors.</summary>
public sealed class Dataset(string source, string[] features, Tensor x, string? targetName, Tensor? y) : IDisposable
{
    public string Source { get; } = source;

    public IReadOnlyList<string> Features { get; } = features;

    public Tensor X { get; } = x;

    public string? TargetName { get; } = targetName;

    public Tensor? Y { get; } = y;

    public int Rows => X.Shape[0];

    /// <summary>The target, or a <see cref="DataException"/> naming what a supervised model needs.</summary>
    public Tensor RequireTarget(string model) =>
        Y ?? throw new DataException($"{model} needs a target column: pass --target <column> (columns of {Source}: {string.Join(", ", Features)})");

    public void Dispose()
    {
        X.Dispose();
        Y?.Dispose();
    }
}
