using System.Globalization;
using System.Text.Json;
using Grimoire.Autograd;
using Grimoire.Ml.Models;
using Grimoire.Nn;

namespace Grimoire.Models.Networks;

/// <summary>
/// A trained network as a fitted model: it predicts from data set rows (scaled and shaped as in training), reports its
/// training figures, and saves to a model file whose arrays are its parameters and buffers by dotted name (float32
/// values widen to float64 exactly) and whose metadata are its settings and training figures. Owns the network, so
/// dispose it when done. Predicting is not thread-safe: one thread at a time per model.
/// </summary>
public sealed class NetworkModel : IFittedModel, IDisposable
{
    private const string SettingPrefix = "setting.";
    private const string ExtraPrefix = "extra.";

    internal NetworkModel(string model, string metric, NetworkInput input, Module network, Device device, TrainReport report, IReadOnlyDictionary<string, string> settings)
    {
        (Model, MetricName, Input, Network, Device, Report, Settings) = (model, metric, input, network, device, report, settings);
    }

    /// <inheritdoc/>
    public string Model { get; }

    /// <summary>The name of <see cref="TrainReport.Metric"/>, e.g. "test_accuracy".</summary>
    public string MetricName { get; }

    /// <summary>The columns, row shape and scaling the network predicts from.</summary>
    public NetworkInput Input { get; }

    /// <inheritdoc/>
    public IReadOnlyList<string> Features => Input.Features;

    /// <summary>The trained network, owned by this model.</summary>
    public Module Network { get; }

    /// <summary>Where the network's parameters live.</summary>
    public Device Device { get; }

    /// <summary>The figures of the training run (restored as saved).</summary>
    public TrainReport Report { get; }

    /// <summary>The settings it was trained with, as `--set` writes them.</summary>
    public IReadOnlyDictionary<string, string> Settings { get; }

    /// <summary>The number of trained scalars.</summary>
    public int ParameterCount => Network.ParameterCount;

    /// <summary>"epochs", "train_loss", the metric, then the further figures.</summary>
    public void WriteFitFields(Utf8JsonWriter json)
    {
        ArgumentNullException.ThrowIfNull(json);
        json.WriteNumber("epochs", Report.Epochs);
        json.WriteNumber("train_loss", Report.TrainLoss);
        json.WriteNumber(MetricName, Report.Metric);
        foreach (var (name, value) in Report.Extra) json.WriteNumber(name, value);
    }

    /// <summary>Predictions for the rows of <paramref name="x"/> [rows, features], any float dtype: a class per row with
    /// its probabilities for a classifier (a probability of class 1 from one sigmoid output, a softmax over several),
    /// or a class per position (pixel) for a network whose output keeps a spatial shape.</summary>
    /// <exception cref="ArgumentException"><paramref name="x"/> is not [rows, <see cref="Features"/> count].</exception>
    public Prediction Predict(Tensor x)
    {
        ArgumentNullException.ThrowIfNull(x);
        if (x.Shape.Rank != 2 || x.Shape[1] != Features.Count)
            throw new ArgumentException($"{Model} predicts from [rows, {Features.Count}] inputs, got {x.Shape}", nameof(x));
        using var noGrad = GradMode.NoGrad();
        using var scope = new TensorScope();
        Network.Eval();
        var rows = x.Shape[0];
        var scaled = Input.Scale == 1 ? x.To(DType.Float32) : (x.To(DType.Float64) * Input.Scale).To(DType.Float32);
        var output = Network.Forward(scaled.Reshape([rows, .. Input.RowShape]).To(Device)).To(Device.Cpu);
        if (output.Shape.Rank == 2 && output.Shape[1] == 1) return Binary(output.ToArray<float>());
        if (output.Shape.Rank == 2) return Classes(output.Softmax(1).To(DType.Float64).ToArray<double>(), rows, output.Shape[1]);
        var labels = output.ArgMax(1).ToArray<int>();
        return new Prediction(Array.ConvertAll(labels, l => (double)l)) { ValuesPerRow = rows == 0 ? 1 : labels.Length / rows };
    }

    /// <summary>The arrays and metadata a model file holds (see the class summary).</summary>
    public ModelState Save()
    {
        var metadata = new Dictionary<string, string>
        {
            ["epochs"] = Report.Epochs.ToString(CultureInfo.InvariantCulture),
            ["train_loss"] = Number(Report.TrainLoss),
            ["metric"] = Number(Report.Metric),
            ["seconds"] = Number(Report.Seconds),
        };
        foreach (var (name, value) in Settings) metadata[SettingPrefix + name] = value;
        foreach (var (name, value) in Report.Extra) metadata[ExtraPrefix + name] = Number(value);
        return new ModelState(Model, Features, metadata, NetworkState.Arrays(Network));
    }

    /// <summary>Releases the network's tensors.</summary>
    public void Dispose() => Network.Dispose();

    /// <summary>The settings stored in <paramref name="state"/>, as `--set` text.</summary>
    internal static IEnumerable<string> StoredSettings(ModelState state) =>
        state.Metadata.Where(p => p.Key.StartsWith(SettingPrefix, StringComparison.Ordinal)).Select(p => $"{p.Key[SettingPrefix.Length..]}={p.Value}");

    /// <summary>The training figures stored in <paramref name="state"/>.</summary>
    internal static TrainReport StoredReport(ModelState state) =>
        new(state.Count("epochs"), state.Number("train_loss"), state.Number("metric"), state.Number("seconds"))
        {
            Extra = state.Metadata.Keys.Where(k => k.StartsWith(ExtraPrefix, StringComparison.Ordinal)).ToDictionary(k => k[ExtraPrefix.Length..], state.Number),
        };

    private static Prediction Binary(float[] logits)
    {
        var p = Array.ConvertAll(logits, z => 1 / (1 + Math.Exp(-(double)z)));
        return new Prediction(Array.ConvertAll(logits, z => z >= 0 ? 1.0 : 0.0), Array.ConvertAll(p, q => new[] { 1 - q, q }));
    }

    private static Prediction Classes(double[] probabilities, int rows, int classes)
    {
        var rowsOf = Enumerable.Range(0, rows).Select(r => probabilities.AsSpan(r * classes, classes).ToArray()).ToArray();
        return new Prediction(Array.ConvertAll(rowsOf, p => (double)Array.IndexOf(p, p.Max())), rowsOf);
    }

    private static string Number(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
