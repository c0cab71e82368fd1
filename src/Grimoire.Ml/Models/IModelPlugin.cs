using System.Text.Json;
using Grimoire.Ml.Data;
using Grimoire.Ml.Models.Settings;

namespace Grimoire.Ml.Models;

/// <summary>A model in the catalogue, of any family: its name, book section, task and typed settings (the source of
/// `--set`, the CLI's options and the JSON schema), how it is trained and how a saved one is restored. Classical
/// estimators fit on a <see cref="Dataset"/>; networks train on the data they ship with (<see cref="TrainingData"/>).
/// An assembly adds models with <see cref="ModelProviderAttribute"/> and no edit to the engine.</summary>
public interface IModelPlugin
{
    /// <summary>The CLI name, e.g. "ridge" or "cnn-digits"; the name saved model files carry.</summary>
    string Name { get; }

    /// <summary>The book section it implements, e.g. "§2.5".</summary>
    string BookSection { get; }

    /// <summary>The family it belongs to, e.g. "classical", "neural" or "vision".</summary>
    string Family { get; }

    /// <summary>What it does with the data, e.g. "regression", "classification", "clustering" or "segmentation".</summary>
    string Task { get; }

    /// <summary>One line for listings: the model and its data.</summary>
    string Summary { get; }

    /// <summary>The fit report's field that says how good the fit is, e.g. "objective" or "test_accuracy".</summary>
    string Metric { get; }

    /// <summary>Whether a larger <see cref="Metric"/> is better (an accuracy) or a smaller one (an objective).</summary>
    bool HigherIsBetter { get; }

    /// <summary>The data it trains on when none is given (e.g. "digits (shipped)"), or null when a data set is needed.</summary>
    string? TrainingData { get; }

    /// <summary>The settings `--set` takes (name, kind, default, range, doc), in declaration order; the source of the
    /// parser, the CLI listing and <see cref="ModelCatalogue.SettingsSchema"/>.</summary>
    IReadOnlyList<SettingInfo> Settings { get; }

    /// <summary>Trains with <paramref name="settings"/> on <paramref name="data"/>, or on its own data when
    /// <paramref name="data"/> is null; progress lines go to <paramref name="progress"/> when given.</summary>
    /// <exception cref="ModelException">a setting is unknown or out of range, or the data does not suit the model.</exception>
    IFittedModel Fit(Dataset? data, ModelSettings settings, TextWriter? progress = null);

    /// <summary>Compiles the SIMD kernels a fit of this model runs, at this machine's lane width, so that the first fit in
    /// a fresh process does not stop to JIT them. Call it early, on any thread: the CLI runs it while the data loads.
    /// Models without such kernels do nothing.</summary>
    void PrepareKernels()
    {
    }

    /// <summary>The fitted model saved as <paramref name="state"/>, after checking every array and value in it.</summary>
    /// <exception cref="ModelException">the state is not one this model wrote.</exception>
    IFittedModel Restore(ModelState state);
}

/// <summary>A fitted model: the CLI's fit JSON, predictions, and the state a model file stores.</summary>
public interface IFittedModel
{
    /// <summary>The catalogue name of the model that was fitted.</summary>
    string Model { get; }

    /// <summary>Names of the feature columns, in the order the model expects them.</summary>
    IReadOnlyList<string> Features { get; }

    /// <summary>The fields of the `fit --json` object after "model" (see README's CLI contract).</summary>
    void WriteFitFields(Utf8JsonWriter json);

    /// <summary>Predictions for the rows of <paramref name="x"/> [rows, features] in <see cref="Features"/> order.</summary>
    Prediction Predict(Tensor x);

    /// <summary>Everything needed to restore the model: what a model file holds.</summary>
    ModelState Save();
}

/// <summary>The predictions for a batch of rows: <see cref="ValuesPerRow"/> values per row, row after row (one class,
/// number or cluster per row; a label per pixel for segmentation), and class probabilities [rows][classes] for
/// probabilistic classifiers.</summary>
public sealed record Prediction(double[] Values, double[][]? Probabilities = null)
{
    /// <summary>How many values each row has: 1, or more when a model labels parts of a row (pixels).</summary>
    public int ValuesPerRow { get; init; } = 1;

    /// <summary>The values of row <paramref name="row"/>.</summary>
    public ReadOnlySpan<double> Row(int row) => Values.AsSpan(row * ValuesPerRow, ValuesPerRow);

    /// <summary>How many rows were predicted.</summary>
    public int Rows => Values.Length / ValuesPerRow;
}
