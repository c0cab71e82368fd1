using System.Runtime.InteropServices;
using System.Text.Json;
using Grimoire.Ml;
using Grimoire.Ml.Data;
using Grimoire.Ml.Models;
using Grimoire.Tests.Ml;

namespace Grimoire.Tests.Fuzzing;

/// <summary>A model fitted on a shipped data set and saved as `fit --out` saves it. Loading is `grimoire predict`'s
/// path: <see cref="ModelFile.Load"/>, then the model's feature columns of the data set, then a prediction.</summary>
internal sealed class ModelFileSubject : SafeTensorsSubject
{
    /// <summary>Stored values up to this size cannot overflow a prediction on the shipped data (features below 10⁴,
    /// at most 64 of them), so a NaN prediction from them is a defect; larger finite values legitimately can.</summary>
    private const double Moderate = 1e150;

    private readonly Dataset _data;

    public ModelFileSubject(string model, string dataset, params string[] settings)
    {
        Name = $"model file: {model}{(settings.Length > 0 ? $" ({string.Join(", ", settings)})" : "")} on {dataset}";
        _data = SklearnParityTests.BuiltinWithTarget(dataset);
        File = Written(".model", path => ModelFile.Write(path, ModelCatalogue.Find(model).Fit(_data, new ModelSettings(settings)).Save()));
    }

    public override string Name { get; }

    public override byte[] File { get; }

    public override Verdict Load(string path, byte[] bytes)
    {
        IFittedModel fitted;
        try
        {
            fitted = ModelFile.Load(path);
        }
        catch (GrimoireException e)
        {
            return Verdict.Refuse(e, path);
        }
        Tensor x;
        try
        {
            x = FeatureColumns.Select(_data, fitted.Features);
        }
        catch (DataException e)
        {
            // A well-formed file naming columns the data set lacks: the data's error, which names the data set.
            return new Verdict(false, e.GetType().Name, e.Message.Contains(_data.Source, StringComparison.Ordinal) ? null : $"the DataException does not name the data: {e.Message}");
        }
        using (x) return Verdict.Accept(Check(bytes, fitted, fitted.Predict(x)));
    }

    /// <summary>The model holds exactly what the file holds, and predicts a value for every row.</summary>
    private string? Check(byte[] bytes, IFittedModel fitted, Prediction prediction)
    {
        if (ReferenceSafeTensors.Parse(bytes) is not { } file) return "accepted a file that breaks the safetensors layout";
        var saved = fitted.Save();
        if (file.Metadata["model"] != fitted.Model) return $"loaded model {fitted.Model}, the file says {file.Metadata["model"]}";
        if (!JsonSerializer.Deserialize<string[]>(file.Metadata["features"])!.SequenceEqual(fitted.Features)) return "the features differ from the file's";
        if (!file.Tensors.Select(t => t.Name).Order().SequenceEqual(saved.Arrays.Keys.Order())) return "the arrays differ from the file's";
        foreach (var (name, array) in saved.Arrays)
        {
            var stored = file.Named(name);
            if (stored.DType != "F64" || !stored.Shape.SequenceEqual(array.Shape.Select(d => (long)d)) || !stored.Bytes.AsSpan().SequenceEqual(MemoryMarshal.AsBytes(array.Values.AsSpan())))
                return $"array '{name}' differs from the file's";
        }
        foreach (var (key, value) in saved.Metadata)
        {
            var stored = file.Metadata[key];
            if (stored != value && !(double.TryParse(stored, System.Globalization.CultureInfo.InvariantCulture, out var a) && double.TryParse(value, System.Globalization.CultureInfo.InvariantCulture, out var b) && a == b))
                return $"metadata '{key}' is {value}, the file says {stored}";
        }
        if (prediction.Values.Length != _data.Rows) return $"{prediction.Values.Length} predictions for {_data.Rows} rows";
        var moderate = file.Doubles.All(v => Math.Abs(v) <= Moderate);
        if (moderate && (prediction.Values.Any(double.IsNaN) || (prediction.Probabilities?.Any(r => r.Any(double.IsNaN)) ?? false)))
            return "NaN prediction from finite, moderate stored values";
        return null;
    }

    public override void Dispose() => _data.Dispose();
}
