using System.Text.Json;
using Grimoire.Ml.Data;
using Grimoire.Ml.Models.Settings;

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

    /// <summary>The settings `--set` takes (name, kind, default, range, doc), in declaration order; the source of the
    /// parser, the CLI listing and <see cref="ModelCatalogue.SettingsSchema"/>.</summary>
    IReadOnlyList<SettingInfo> Settings { get; }

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
