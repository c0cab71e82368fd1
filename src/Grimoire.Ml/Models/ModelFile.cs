using System.Buffers.Binary;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Grimoire.Ml.Models;

/// <summary>
/// Saved models in the safetensors layout: an 8-byte little-endian header length, a JSON header, then raw
/// little-endian float64 data. The header maps each array name to {"dtype":"F64","shape":[…],"data_offsets":[begin,end]}
/// and holds "__metadata__" (string values): format "grimoire-model", version, model name, feature names (JSON),
/// and the model's own metadata. Written to a temporary file and renamed, so a crash never leaves half a model.
/// </summary>
public static class ModelFile
{
    public const string Format = "grimoire-model";
    public const int Version = 1;
    private const long MaxHeader = 16 << 20;

    public static void Write(string path, ModelState state)
    {
        var header = new JsonObject();
        var metadata = new JsonObject
        {
            ["format"] = Format,
            ["version"] = Version.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["model"] = state.Model,
            ["features"] = JsonSerializer.Serialize(state.Features),
        };
        foreach (var (k, v) in state.Metadata) metadata[k] = v;
        header["__metadata__"] = metadata;
        long offset = 0;
        foreach (var (name, array) in state.Arrays)
        {
            var bytes = array.Values.LongLength * sizeof(double);
            header[name] = new JsonObject { ["dtype"] = "F64", ["shape"] = new JsonArray(array.Shape.Select(d => (JsonNode)d).ToArray()), ["data_offsets"] = new JsonArray(offset, offset + bytes) };
            offset += bytes;
        }
        var headerBytes = Encoding.UTF8.GetBytes(header.ToJsonString());
        var temporary = path + ".tmp";
        using (var file = File.Create(temporary))
        {
            Span<byte> length = stackalloc byte[8];
            BinaryPrimitives.WriteUInt64LittleEndian(length, (ulong)headerBytes.Length);
            file.Write(length);
            file.Write(headerBytes);
            Span<byte> value = stackalloc byte[8];
            foreach (var array in state.Arrays.Values)
            {
                foreach (var v in array.Values)
                {
                    BinaryPrimitives.WriteDoubleLittleEndian(value, v);
                    file.Write(value);
                }
            }
        }
        File.Move(temporary, path, overwrite: true);
    }

    public static ModelState Read(string path)
    {
        if (!File.Exists(path)) throw new ModelException($"model file '{path}' not found");
        var bytes = File.ReadAllBytes(path);
        if (bytes.Length < 8) throw new ModelException($"{path}: not a model file (shorter than the 8-byte header length)");
        var headerLength = BinaryPrimitives.ReadUInt64LittleEndian(bytes);
        if (headerLength > MaxHeader || (long)headerLength > bytes.Length - 8)
            throw new ModelException($"{path}: header length {headerLength} exceeds the file ({bytes.Length} bytes): truncated or not a model file");
        JsonObject header;
        try
        {
            header = JsonNode.Parse(bytes.AsSpan(8, (int)headerLength))?.AsObject() ?? throw new JsonException("null header");
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            throw new ModelException($"{path}: header is not valid JSON ({e.Message})");
        }
        var data = bytes.AsSpan(8 + (int)headerLength);
        var meta = header["__metadata__"] as JsonObject ?? throw new ModelException($"{path}: no __metadata__ in the header");
        string Meta(string key) => meta[key]?.GetValue<string>() ?? throw new ModelException($"{path}: metadata '{key}' is missing");
        if (Meta("format") != Format) throw new ModelException($"{path}: format '{Meta("format")}' is not {Format}");
        if (Meta("version") != Version.ToString(System.Globalization.CultureInfo.InvariantCulture))
            throw new ModelException($"{path}: model file version {Meta("version")} is not supported (this build reads version {Version})");
        var features = JsonSerializer.Deserialize<string[]>(Meta("features")) ?? throw new ModelException($"{path}: feature list is empty");
        var arrays = new Dictionary<string, ModelArray>();
        foreach (var (name, node) in header)
        {
            if (name == "__metadata__") continue;
            arrays[name] = ReadArray(path, name, node as JsonObject, data);
        }
        var extra = meta.Where(p => p.Key is not ("format" or "version" or "model" or "features"))
            .ToDictionary(p => p.Key, p => p.Value?.GetValue<string>() ?? "");
        return new ModelState(Meta("model"), features, extra, arrays);
    }

    private static ModelArray ReadArray(string path, string name, JsonObject? entry, ReadOnlySpan<byte> data)
    {
        try
        {
            if (entry?["dtype"]?.GetValue<string>() != "F64") throw new ModelException($"{path}: array '{name}' is not F64");
            var shape = (entry["shape"] as JsonArray ?? throw new ModelException($"{path}: array '{name}' has no shape")).Select(d => d?.GetValue<int>() ?? -1).ToArray();
            var offsets = (entry["data_offsets"] as JsonArray ?? throw new ModelException($"{path}: array '{name}' has no data_offsets")).Select(o => o?.GetValue<long>() ?? -1).ToArray();
            long count = shape.Aggregate(1L, (a, d) => d < 0 ? -1 : a * d);
            if (count < 0 || offsets.Length != 2 || offsets[0] < 0 || offsets[1] > data.Length || offsets[1] - offsets[0] != count * sizeof(double))
                throw new ModelException($"{path}: array '{name}' of shape [{string.Join(", ", shape)}] does not fit its data offsets [{string.Join(", ", offsets)}] in {data.Length} data bytes (truncated or corrupt)");
            var values = new double[count];
            for (var i = 0; i < count; i++) values[i] = BinaryPrimitives.ReadDoubleLittleEndian(data.Slice((int)offsets[0] + i * 8, 8));
            return new ModelArray(shape, values);
        }
        catch (Exception e) when (e is InvalidOperationException or FormatException)
        {
            throw new ModelException($"{path}: array '{name}' has a malformed header entry ({e.Message})");
        }
    }
}
