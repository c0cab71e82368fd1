using System.Text.Json;
using System.Text.Unicode;

namespace Grimoire.IO;

/// <summary>One tensor's header entry, checked: a dtype grimoire reads, a shape of non-negative int dimensions whose
/// element count fits an int, and the byte range [Begin, End) its elements fill exactly.</summary>
internal sealed record SafeTensorsEntry(string Name, DType DType, int[] Shape, int Begin, int End);

/// <summary>
/// Parses and checks a safetensors header against the data section it describes, as the format's specification
/// requires: UTF-8 JSON holding one object without duplicate keys, "__metadata__" mapping strings to strings, every
/// other key a tensor entry, and the tensors' byte ranges covering the data section exactly, without gaps or
/// overlaps (so no byte is read twice or hides unread). Sizes are computed in checked 64-bit arithmetic, so no
/// header can make the reader allocate more than the file holds.
/// </summary>
internal static class SafeTensorsHeader
{
    public const string MetadataKey = "__metadata__";

    public static (Dictionary<string, string> Metadata, List<SafeTensorsEntry> Entries) Parse(ReadOnlyMemory<byte> header, int dataLength, string path, Func<string, Exception> error)
    {
        if (!Utf8.IsValid(header.Span)) throw error($"{path}: header is not valid UTF-8");
        try
        {
            using var document = JsonDocument.Parse(header, new JsonDocumentOptions { AllowDuplicateProperties = false });
            var (metadata, entries) = Read(document.RootElement, dataLength, path, error);
            CheckCoverage(entries, dataLength, path, error);
            return (metadata, entries);
        }
        catch (JsonException e)
        {
            throw error($"{path}: header is not valid JSON ({e.Message})");
        }
        catch (InvalidOperationException e)
        {
            // JsonDocument decodes escapes lazily (and while looking for duplicate keys) and reports an escaped lone
            // surrogate such as "\ud800" this way.
            throw error($"{path}: header holds a string that is not valid Unicode ({e.Message})");
        }
    }

    private static (Dictionary<string, string>, List<SafeTensorsEntry>) Read(JsonElement root, int dataLength, string path, Func<string, Exception> error)
    {
        if (root.ValueKind != JsonValueKind.Object) throw error($"{path}: header is a JSON {Kind(root)}, not an object");
        var metadata = new Dictionary<string, string>();
        var entries = new List<SafeTensorsEntry>();
        foreach (var property in root.EnumerateObject())
        {
            if (property.Name == MetadataKey) ReadMetadata(property.Value, metadata, path, error);
            else entries.Add(ReadEntry(property.Name, property.Value, dataLength, path, error));
        }
        return (metadata, entries);
    }

    private static void ReadMetadata(JsonElement node, Dictionary<string, string> metadata, string path, Func<string, Exception> error)
    {
        if (node.ValueKind != JsonValueKind.Object) throw error($"{path}: {MetadataKey} is a JSON {Kind(node)}, not an object of strings");
        foreach (var pair in node.EnumerateObject())
        {
            if (pair.Value.ValueKind != JsonValueKind.String) throw error($"{path}: metadata '{pair.Name}' is a JSON {Kind(pair.Value)}, not a string");
            metadata[pair.Name] = pair.Value.GetString()!;
        }
    }

    private static SafeTensorsEntry ReadEntry(string name, JsonElement entry, int dataLength, string path, Func<string, Exception> error)
    {
        if (entry.ValueKind != JsonValueKind.Object) throw error($"{path}: array '{name}' is a JSON {Kind(entry)}, not an object");
        JsonElement Field(string field) =>
            entry.TryGetProperty(field, out var value) ? value : throw error($"{path}: array '{name}' has no {field}");
        var dtypeNode = Field("dtype");
        var tag = dtypeNode.ValueKind == JsonValueKind.String ? dtypeNode.GetString() : null;
        var dtype = tag switch
        {
            "F32" => DType.Float32,
            "F64" => DType.Float64,
            "I32" => DType.Int32,
            _ => throw error($"{path}: array '{name}' has dtype {(tag is null ? $"of JSON type {Kind(dtypeNode)}" : tag)}; grimoire reads F32, F64 and I32"),
        };
        var shape = Integers(Field("shape"), name, "shape", path, error);
        var offsets = Integers(Field("data_offsets"), name, "data_offsets", path, error);
        if (shape.Any(d => d > int.MaxValue)) throw error($"{path}: array '{name}' has a dimension beyond {int.MaxValue} in its shape {List(shape)}");
        var count = ElementCount(shape);
        if (count > int.MaxValue) throw error($"{path}: array '{name}' of shape {List(shape)} has more than {int.MaxValue} elements");
        if (offsets.Length != 2 || offsets[0] > offsets[1] || offsets[1] > dataLength)
            throw error($"{path}: array '{name}' has data_offsets {List(offsets)}, not a range within the {dataLength} data bytes (truncated or corrupt)");
        if (offsets[1] - offsets[0] != count * dtype.SizeInBytes())
            throw error($"{path}: array '{name}' of shape {List(shape)} needs {count * dtype.SizeInBytes()} bytes but its data_offsets {List(offsets)} hold {offsets[1] - offsets[0]} (truncated or corrupt)");
        return new SafeTensorsEntry(name, dtype, shape.Select(d => (int)d).ToArray(), (int)offsets[0], (int)offsets[1]);
    }

    /// <summary>The elements of a JSON array of non-negative integers.</summary>
    private static long[] Integers(JsonElement node, string name, string field, string path, Func<string, Exception> error)
    {
        if (node.ValueKind != JsonValueKind.Array) throw error($"{path}: array '{name}' has a {field} that is a JSON {Kind(node)}, not an array of integers");
        return node.EnumerateArray().Select(e => e.ValueKind == JsonValueKind.Number && e.TryGetInt64(out var v) && v >= 0 ? v
            : throw error($"{path}: array '{name}' has {field} entry {Excerpt.Of(e.GetRawText())}; each must be an integer >= 0")).ToArray();
    }

    /// <summary>The product of dimensions of at most int.MaxValue each, capped just above int.MaxValue so it never
    /// overflows; zero when any dimension is zero.</summary>
    private static long ElementCount(long[] shape)
    {
        if (shape.Contains(0)) return 0;
        var count = 1L;
        foreach (var d in shape) count = Math.Min(count * d, int.MaxValue + 1L);
        return count;
    }

    /// <summary>The byte ranges, in order of their start, must tile [0, dataLength): each starts where the one before
    /// ended (empty tensors included, as the format's reference reader demands).</summary>
    private static void CheckCoverage(List<SafeTensorsEntry> entries, int dataLength, string path, Func<string, Exception> error)
    {
        var covered = 0;
        foreach (var e in entries.OrderBy(e => e.Begin).ThenBy(e => e.End))
        {
            if (e.Begin != covered)
                throw error($"{path}: array '{e.Name}' starts at data byte {e.Begin}, but the arrays before it end at {covered} ({(e.Begin < covered ? "overlapping arrays" : "a gap")}; corrupt)");
            covered = e.End;
        }
        if (covered != dataLength) throw error($"{path}: the arrays cover {covered} of the {dataLength} data bytes (corrupt, or bytes appended)");
    }

    private static string Kind(JsonElement node) => node.ValueKind.ToString().ToLowerInvariant();

    /// <summary>A shape or offsets for a message, shortened: a hostile header may list millions of entries.</summary>
    private static string List(long[] values) => $"[{string.Join(", ", values.Take(8))}{(values.Length > 8 ? $", … ({values.Length} entries)" : "")}]";
}
