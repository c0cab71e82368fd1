using System.Globalization;
using Grimoire.IO;

namespace Grimoire.Ml.Models;

/// <summary>What a model file holds: the model name, its feature names, string metadata and named float64 arrays.
/// The typed accessors are how a model's Restore checks all of it before building a model: each refusal is a
/// <see cref="ModelException"/> naming <see cref="Source"/> (the file read, when there is one) and the problem.</summary>
public sealed record ModelState(string Model, IReadOnlyList<string> Features, IReadOnlyDictionary<string, string> Metadata, IReadOnlyDictionary<string, ModelArray> Arrays, string? Source = null)
{
    private string Origin => Source ?? $"saved state of {Model}";

    /// <summary>A <see cref="ModelException"/> for <paramref name="problem"/>, prefixed with the file (or model) it concerns.</summary>
    public ModelException Invalid(string problem) => new($"{Origin}: {problem}");

    /// <summary>The metadata value <paramref name="name"/>; a <see cref="ModelException"/> when it is missing.</summary>
    public string Meta(string name) => Metadata.TryGetValue(name, out var v) ? v : throw Invalid($"metadata '{name}' is missing");

    /// <summary>A metadata count such as n_iter: an integer from 0 to int.MaxValue, digits only.</summary>
    public int Count(string name) =>
        int.TryParse(Meta(name), NumberStyles.None, CultureInfo.InvariantCulture, out var v) ? v
            : throw Invalid($"metadata '{name}' must be an integer >= 0 below 2^31, got {Excerpt.Of(Meta(name))}");

    /// <summary>A finite metadata number such as an objective.</summary>
    public double Number(string name) =>
        double.TryParse(Meta(name), NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && double.IsFinite(v) ? v
            : throw Invalid($"metadata '{name}' must be a finite number, got {Excerpt.Of(Meta(name))}");

    /// <summary>Refuses arrays the model does not store, so every array in an accepted file is one that was checked.</summary>
    public void RequireOnlyArrays(params string[] names)
    {
        var unexpected = Arrays.Keys.FirstOrDefault(k => !names.Contains(k));
        if (unexpected is not null) throw Invalid($"array '{unexpected}' is not one that {Model} stores ({string.Join(", ", names)})");
    }

    /// <summary>A rank-1 array of finite values: <paramref name="length"/> of them, or at least one when null.</summary>
    public double[] Vector(string name, int? length = null)
    {
        var a = Array(name);
        if (a.Shape.Length != 1 || (length is { } n ? a.Shape[0] != n : a.Shape[0] == 0))
            throw Invalid($"array '{name}' has shape [{string.Join(", ", a.Shape)}]; {Model} needs [{length?.ToString(CultureInfo.InvariantCulture) ?? "n >= 1"}]");
        return Finite(name, a.Values);
    }

    /// <summary>A rank-2 array of finite values with <paramref name="columns"/> columns and <paramref name="rows"/> rows
    /// (at least one when null), as rows.</summary>
    public double[][] Matrix(string name, int columns, int? rows = null)
    {
        var a = Array(name);
        if (a.Shape.Length != 2 || a.Shape[1] != columns || (rows is { } r ? a.Shape[0] != r : a.Shape[0] == 0))
            throw Invalid($"array '{name}' has shape [{string.Join(", ", a.Shape)}]; {Model} with {Features.Count} features needs [{rows?.ToString(CultureInfo.InvariantCulture) ?? "k >= 1"}, {columns}]");
        var values = Finite(name, a.Values);
        return Enumerable.Range(0, a.Shape[0]).Select(i => values.AsSpan(i * columns, columns).ToArray()).ToArray();
    }

    /// <summary>An array of finite values with exactly <paramref name="shape"/>, row-major (a network's weights).</summary>
    public double[] Shaped(string name, int[] shape)
    {
        var a = Array(name);
        if (!a.Shape.AsSpan().SequenceEqual(shape))
            throw Invalid($"array '{name}' has shape [{string.Join(", ", a.Shape)}]; {Model} needs [{string.Join(", ", shape)}]");
        return Finite(name, a.Values);
    }

    private ModelArray Array(string name) => Arrays.TryGetValue(name, out var a) ? a : throw Invalid($"array '{name}' is missing");

    private double[] Finite(string name, double[] values)
    {
        var at = System.Array.FindIndex(values, v => !double.IsFinite(v));
        return at < 0 ? values : throw Invalid($"array '{name}' holds {values[at].ToString(CultureInfo.InvariantCulture)} at index {at}; {Model} needs finite values");
    }
}

/// <summary>A float64 array with its shape, row-major.</summary>
public sealed record ModelArray(int[] Shape, double[] Values)
{
    /// <summary>A rank-1 array [values.Length] over <paramref name="values"/> (not copied).</summary>
    public static ModelArray Vector(double[] values) => new([values.Length], values);

    /// <summary>A rank-2 array [rows, columns] copied from equal-length <paramref name="rows"/> (columns 0 when there are none).</summary>
    public static ModelArray Matrix(double[][] rows) =>
        new([rows.Length, rows.Length == 0 ? 0 : rows[0].Length], rows.SelectMany(r => r).ToArray());
}
