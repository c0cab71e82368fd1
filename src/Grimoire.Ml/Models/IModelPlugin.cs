using System.Text.Json;
using Grimoire.Ml.Data;

namespace Grimoire.Ml.Models;

/// <summary>A model family in the catalogue: fits on a <see cref="Dataset"/> with scikit-learn-named settings, and
/// restores a fitted model from its saved state.</summary>
public interface IModelPlugin
{
    /// <summary>The CLI name, e.g. "ridge".</summary>
    string Name { get; }

    /// <summary>The book section it implements, e.g. "§2.5".</summary>
    string BookSection { get; }

    /// <summary>"regression", "classification" or "clustering".</summary>
    string Task { get; }

    IFittedModel Fit(Dataset data, ModelSettings settings);

    IFittedModel Restore(ModelState state);
}

/// <summary>A fitted model: the CLI's fit JSON, predictions, and the state a model file stores.</summary>
public interface IFittedModel
{
    string Model { get; }

    /// <summary>Names of the feature columns, in the order the model expects them.</summary>
    IReadOnlyList<string> Features { get; }

    /// <summary>The fields of the `fit --json` object after "model" (see README's CLI contract).</summary>
    void WriteFitFields(Utf8JsonWriter json);

    Prediction Predict(Tensor x);

    ModelState Save();
}

/// <summary>One prediction per row; class probabilities [rows][classes] for probabilistic classifiers.</summary>
public sealed record Prediction(double[] Values, double[][]? Probabilities = null);

/// <summary>What a model file holds: the model name, string metadata and named float64 arrays.</summary>
public sealed record ModelState(string Model, IReadOnlyList<string> Features, IReadOnlyDictionary<string, string> Metadata, IReadOnlyDictionary<string, ModelArray> Arrays)
{
    public ModelArray Array(string name) =>
        Arrays.TryGetValue(name, out var a) ? a : throw new ModelException($"model file for {Model} lacks the array '{name}'");

    public string Meta(string name) =>
        Metadata.TryGetValue(name, out var v) ? v : throw new ModelException($"model file for {Model} lacks the metadata '{name}'");
}

/// <summary>A float64 array with its shape, row-major.</summary>
public sealed record ModelArray(int[] Shape, double[] Values)
{
    public static ModelArray Vector(double[] values) => new([values.Length], values);

    public static ModelArray Matrix(double[][] rows) =>
        new([rows.Length, rows.Length == 0 ? 0 : rows[0].Length], rows.SelectMany(r => r).ToArray());

    public double[][] Rows() => Enumerable.Range(0, Shape[0]).Select(r => Values.AsSpan(r * Shape[1], Shape[1]).ToArray()).ToArray();
}
