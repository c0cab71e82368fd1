using System.Text.Json;
using Grimoire.IO;

namespace Grimoire.Ml.Models;

/// <summary>
/// Saved models in the safetensors layout (<see cref="SafeTensors"/>) with float64 arrays. "__metadata__" holds
/// format "grimoire-model", version, model name, feature names (JSON) and the model's own metadata.
/// </summary>
public static class ModelFile
{
    public const string Format = "grimoire-model";
    public const int Version = 1;
    private const string Kind = "model file";

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

    public static ModelState Read(string path)
    {
        var (meta, tensors) = SafeTensors.Read(path, Kind, message => new ModelException(message));
        string Meta(string key) => meta.TryGetValue(key, out var value) ? value : throw new ModelException($"{path}: metadata '{key}' is missing");
        if (Meta("format") != Format) throw new ModelException($"{path}: format '{Meta("format")}' is not {Format}");
        if (Meta("version") != Version.ToString(System.Globalization.CultureInfo.InvariantCulture))
            throw new ModelException($"{path}: model file version {Meta("version")} is not supported (this build reads version {Version})");
        var features = JsonSerializer.Deserialize<string[]>(Meta("features")) ?? throw new ModelException($"{path}: feature list is empty");
        var arrays = new Dictionary<string, ModelArray>();
        foreach (var t in tensors)
        {
            if (t.DType != DType.Float64) throw new ModelException($"{path}: array '{t.Name}' is not F64");
            arrays[t.Name] = new ModelArray(t.Shape, t.Values<double>());
        }
        var extra = meta.Where(p => p.Key is not ("format" or "version" or "model" or "features")).ToDictionary(p => p.Key, p => p.Value);
        return new ModelState(Meta("model"), features, extra, arrays);
    }
}
