using System.Text.Json;
using Grimoire.IO;

namespace Grimoire.Ml.Models;

/// <summary>
/// Saved models in the safetensors layout (<see cref="SafeTensors"/>) with float64 arrays. "__metadata__" holds
/// format "grimoire-model", version, model name, feature names (JSON) and the model's own metadata. Reading checks
/// the layout and these common fields; the model's Restore checks its own arrays and metadata.
/// </summary>
public static class ModelFile
{
    /// <summary>The "format" metadata every model file carries.</summary>
    public const string Format = "grimoire-model";
    /// <summary>The file version this build writes and the only one it reads.</summary>
    public const int Version = 1;
    private const string Kind = "model file";

    /// <summary>Writes <paramref name="state"/> to <paramref name="path"/> (through a temporary file renamed into
    /// place, so a reader never sees half a file), replacing any file there.</summary>
    public static void Write(string path, ModelState state)
    {
        var metadata = new Dictionary<string, string>
        {
            ["format"] = Format,
            ["version"] = Version.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["model"] = state.Model,
            ["features"] = JsonSerializer.Serialize(state.Features),
        };
        foreach (var (k, v) in state.Metadata) metadata[k] = v;
        SafeTensors.Write(path, metadata, state.Arrays.Select(a => StoredTensor.From(a.Key, a.Value.Shape, a.Value.Values)));
    }

    /// <summary>The fitted model saved at <paramref name="path"/>, as `grimoire predict` loads it: every problem with
    /// the file is a <see cref="ModelException"/> naming it.</summary>
    public static IFittedModel Load(string path)
    {
        var state = Read(path);
        var plugin = ModelCatalogue.Named(state.Model)
            ?? throw new ModelException($"{path}: model '{state.Model}' is not one this build knows ({string.Join(", ", ModelCatalogue.All.Select(m => m.Name))})");
        return plugin.Restore(state);
    }

    /// <summary>Saves a fitted model, typed or from the catalogue: what `fit --out` writes.</summary>
    public static void Write(string path, IFittedModel model) => Write(path, model.Save());

    /// <summary>The fitted model saved at <paramref name="path"/> as a <typeparamref name="TModel"/> (e.g.
    /// <c>ModelFile.Load&lt;LinearModel&gt;("ridge.model")</c>); a <see cref="ModelException"/> when the file holds
    /// another kind of model.</summary>
    public static TModel Load<TModel>(string path) where TModel : IFittedModel =>
        Load(path) is var model && model is TModel typed ? typed
            : throw new ModelException($"{path}: holds a {model.Model} model ({model.GetType().Name}), not a {typeof(TModel).Name}");

    /// <summary>The state saved at <paramref name="path"/> with the common fields checked (layout, format, version,
    /// feature names, float64 arrays) but no model built: each problem is a <see cref="ModelException"/> naming the file.</summary>
    public static ModelState Read(string path)
    {
        var (meta, tensors) = SafeTensors.Read(path, Kind, message => new ModelException(message));
        string Meta(string key) => meta.TryGetValue(key, out var value) ? value : throw new ModelException($"{path}: metadata '{key}' is missing");
        if (Meta("format") != Format) throw new ModelException($"{path}: format '{Meta("format")}' is not {Format}");
        if (Meta("version") != Version.ToString(System.Globalization.CultureInfo.InvariantCulture))
            throw new ModelException($"{path}: model file version {Meta("version")} is not supported (this build reads version {Version})");
        var features = Features(path, Meta("features"));
        var arrays = new Dictionary<string, ModelArray>();
        foreach (var t in tensors)
        {
            if (t.DType != DType.Float64) throw new ModelException($"{path}: array '{t.Name}' is {t.DType.Name()}, not F64");
            arrays[t.Name] = new ModelArray(t.Shape, t.Values<double>());
        }
        var extra = meta.Where(p => p.Key is not ("format" or "version" or "model" or "features")).ToDictionary(p => p.Key, p => p.Value);
        return new ModelState(Meta("model"), features, extra, arrays, path);
    }

    /// <summary>The "features" metadata: a JSON array of at least one column name, each named once.</summary>
    private static string[] Features(string path, string json)
    {
        string[]? names;
        try
        {
            names = JsonSerializer.Deserialize<string[]>(json);
        }
        catch (JsonException)
        {
            names = null;
        }
        if (names is null || names.Length == 0 || names.Any(n => n is null) || names.Distinct().Count() != names.Length)
            throw new ModelException($"{path}: metadata 'features' must be a JSON array of distinct column names, at least one");
        return names;
    }
}
