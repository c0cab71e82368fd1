using System.Buffers.Binary;
using System.Text;
using System.Text.Json.Nodes;
using Grimoire.Tests.Support;

namespace Grimoire.Tests.Fuzzing;

/// <summary>Edits of a valid safetensors file's header: the length field, offsets, shapes and dtypes (including
/// reshapes that keep the byte count, so the layout stays valid and the model's own checks are reached), metadata
/// values of the wrong JSON type or wrong text, missing and renamed keys, tensors emptied consistently, duplicate keys,
/// invalid UTF-8 and escaped lone surrogates. The edited header is re-padded and its length field rewritten, except by the length edits.</summary>
internal static class SafeTensorsHeaderEdits
{
    private const string Metadata = "__metadata__";

    private delegate string Edit(JsonObject header, Random rng);

    private static readonly (string Name, Edit Apply)[] JsonEdits =
    [
        ("offsets", EditOffset),
        ("shape", EditShape),
        ("reshape", Reshape),
        ("dtype", EditDType),
        ("metadata value", EditMetadataValue),
        ("metadata value", EditMetadataValue),
        ("metadata value", EditMetadataValue),
        ("metadata type", EditMetadataType),
        ("missing key", RemoveKey),
        ("rename", Rename),
        ("entry type", EditEntryType),
    ];

    public static Mutation Apply(byte[] file, Random rng)
    {
        var (headerBytes, data) = SafeTensorsBytes.Split(file);
        switch (rng.Next(8))
        {
            case 0:
                return EditLength(file, rng);
            case 1:
                return Duplicate(headerBytes, data, rng);
            case 2:
                return BreakUtf8(headerBytes, data, rng);
            case 3:
                return Root(data, rng);
            case 4 when rng.Next(2) == 0:
                return Empty(JsonNode.Parse(headerBytes)!.AsObject(), data, rng);
            default:
                var header = JsonNode.Parse(headerBytes)!.AsObject();
                var (name, apply) = JsonEdits[rng.Next(JsonEdits.Length)];
                var description = apply(header, rng);
                return new Mutation($"header: {name}", description, Padded(header.ToJsonString(), data));
        }
    }

    /// <summary>The file for a header text, padded to 8 bytes as the writer pads it, with a true length field.</summary>
    private static byte[] Padded(string header, byte[] data)
    {
        var bytes = Encoding.UTF8.GetBytes(header);
        return SafeTensorsBytes.Build([.. bytes, .. Enumerable.Repeat((byte)' ', (8 - bytes.Length % 8) % 8)], data);
    }

    private static Mutation EditLength(byte[] file, Random rng)
    {
        var length = BinaryPrimitives.ReadUInt64LittleEndian(file);
        ulong edited = rng.Next(10) switch
        {
            0 => length + 1,
            1 => length - 1,
            2 => length + 8,
            3 => length - 8,
            4 => 0,
            5 => (ulong)file.Length,
            6 => (ulong)file.Length - 8,
            7 => ulong.MaxValue,
            8 => 1UL << 63,
            _ => (ulong)rng.NextInt64(),
        };
        var bytes = (byte[])file.Clone();
        BinaryPrimitives.WriteUInt64LittleEndian(bytes, edited);
        return new Mutation("header: length", $"header length {length} -> {edited}", bytes);
    }

    private static string[] Tensors(JsonObject header) => header.Where(p => p.Key != Metadata).Select(p => p.Key).ToArray();

    private static T Pick<T>(IReadOnlyList<T> items, Random rng) => items[rng.Next(items.Count)];

    /// <summary>A tensor's entry, or null when the header has none.</summary>
    private static (string Name, JsonObject Entry)? Entry(JsonObject header, Random rng)
    {
        var names = Tensors(header);
        if (names.Length == 0) return null;
        var name = Pick(names, rng);
        return (name, header[name]!.AsObject());
    }

    private static string EditOffset(JsonObject header, Random rng)
    {
        if (Entry(header, rng) is not (var name, var entry)) return EditMetadataValue(header, rng);
        var offsets = entry["data_offsets"]!.AsArray();
        var which = rng.Next(2);
        var old = offsets[which]!.GetValue<long>();
        JsonNode? value = rng.Next(6) switch
        {
            0 => old + Pick(new long[] { 1, -1, 8, -8, 4 }, rng),
            1 => Pick(HostileValues.Integers, rng),
            2 => JsonNode.Parse(Pick(HostileValues.Json, rng)),
            3 => offsets[1 - which]!.GetValue<long>(),
            4 => Pick(Tensors(header).Select(n => header[n]!["data_offsets"]![which]!.GetValue<long>()).ToArray(), rng),
            _ => null,
        };
        if (value is null && rng.Next(2) == 0)
        {
            offsets.Add(offsets[1]!.GetValue<long>());
            return $"'{name}' data_offsets gets a third entry";
        }
        if (value is null)
        {
            offsets.RemoveAt(which);
            return $"'{name}' data_offsets loses entry {which}";
        }
        offsets[which] = value;
        return $"'{name}' data_offsets[{which}] {old} -> {value.ToJsonString()}";
    }

    private static string EditShape(JsonObject header, Random rng)
    {
        if (Entry(header, rng) is not (var name, var entry)) return EditMetadataValue(header, rng);
        var shape = entry["shape"]!.AsArray();
        var before = shape.ToJsonString();
        switch (rng.Next(5))
        {
            case 0 when shape.Count > 0:
                shape[rng.Next(shape.Count)] = Pick(HostileValues.Integers, rng);
                break;
            case 1 when shape.Count > 0:
                shape[rng.Next(shape.Count)] = JsonNode.Parse(Pick(HostileValues.Json, rng));
                break;
            case 2:
                shape.Insert(rng.Next(shape.Count + 1), Pick(new long[] { 0, 1, 2, int.MaxValue }, rng));
                break;
            case 3 when shape.Count > 0:
                shape.RemoveAt(rng.Next(shape.Count));
                break;
            default:
                entry["shape"] = JsonNode.Parse(Pick(HostileValues.Json, rng));
                break;
        }
        return $"'{name}' shape {before} -> {entry["shape"]?.ToJsonString() ?? "null"}";
    }

    /// <summary>A new shape with the same element count (transposed, flattened, split, with ones added), so only the
    /// reader's users can tell it is wrong.</summary>
    private static string Reshape(JsonObject header, Random rng)
    {
        if (Entry(header, rng) is not (var name, var entry)) return EditMetadataValue(header, rng);
        var dims = entry["shape"]!.AsArray().Select(d => d!.GetValue<int>()).ToList();
        var before = $"[{string.Join(",", dims)}]";
        var count = dims.Aggregate(1, (a, d) => a * d);
        List<int> after = rng.Next(5) switch
        {
            0 => [.. Enumerable.Reverse(dims)],
            1 => [count],
            2 => [1, .. dims],
            3 => [.. dims, 1],
            _ => count % 2 == 0 ? [2, count / 2] : [count, 1],
        };
        entry["shape"] = new JsonArray(after.Select(d => (JsonNode)d).ToArray());
        return $"'{name}' reshaped {before} -> [{string.Join(",", after)}]";
    }

    private static string EditDType(JsonObject header, Random rng)
    {
        if (Entry(header, rng) is not (var name, var entry)) return EditMetadataValue(header, rng);
        var before = entry["dtype"]!.ToJsonString();
        if (rng.Next(3) == 0 && before == "\"F64\"")
        {
            // The same bytes as twice as many float32s: a valid layout whose values a float64 reader must not take.
            var shape = entry["shape"]!.AsArray();
            shape.Add(2);
            entry["dtype"] = "F32";
            return $"'{name}' read as F32 with a trailing dimension of 2";
        }
        entry["dtype"] = rng.Next(4) == 0 ? JsonNode.Parse(Pick(HostileValues.Json, rng)) : Pick(HostileValues.DTypes, rng);
        return $"'{name}' dtype {before} -> {entry["dtype"]?.ToJsonString() ?? "null"}";
    }

    private static string EditMetadataValue(JsonObject header, Random rng)
    {
        if (header[Metadata] is not JsonObject metadata || metadata.Count == 0) return EditEntryType(header, rng);
        var key = Pick(metadata.Select(p => p.Key).ToArray(), rng);
        var value = Pick(HostileValues.MetadataStrings, rng);
        metadata[key] = value;
        return $"metadata '{key}' = {JsonValue.Create(value).ToJsonString()}";
    }

    private static string EditMetadataType(JsonObject header, Random rng)
    {
        var json = Pick(HostileValues.Json, rng);
        if (rng.Next(4) == 0 || header[Metadata] is not JsonObject metadata || metadata.Count == 0)
        {
            header[Metadata] = JsonNode.Parse(json);
            return $"__metadata__ = {json}";
        }
        var key = Pick(metadata.Select(p => p.Key).ToArray(), rng);
        metadata[key] = JsonNode.Parse(json);
        return $"metadata '{key}' = JSON {json}";
    }

    private static string RemoveKey(JsonObject header, Random rng)
    {
        switch (rng.Next(4))
        {
            case 0 when header[Metadata] is JsonObject metadata && metadata.Count > 0:
                var key = Pick(metadata.Select(p => p.Key).ToArray(), rng);
                metadata.Remove(key);
                return $"metadata '{key}' removed";
            case 1 when Entry(header, rng) is (var name, var entry):
                var field = Pick(new[] { "dtype", "shape", "data_offsets" }, rng);
                entry.Remove(field);
                return $"'{name}' loses its {field}";
            case 2 when Tensors(header) is { Length: > 0 } names:
                var tensor = Pick(names, rng);
                header.Remove(tensor);
                return $"tensor '{tensor}' removed";
            default:
                header.Remove(Metadata);
                return "__metadata__ removed";
        }
    }

    private static string Rename(JsonObject header, Random rng)
    {
        var names = Tensors(header);
        if (names.Length == 0) return EditMetadataValue(header, rng);
        var name = Pick(names, rng);
        var renamed = rng.Next(3) switch
        {
            0 => name + "_",
            1 => name.ToUpperInvariant(),
            _ => Pick(new[] { "coef", "intercept", "centers", "classes", "0.weight", "optimizer.exp_avg.0.weight", "", "__metadata_" }, rng),
        };
        if (header.ContainsKey(renamed)) return $"rename of '{name}' to the existing '{renamed}' skipped";
        var entry = header[name];
        header.Remove(name);
        header[renamed] = entry;
        return $"tensor '{name}' renamed '{renamed}'";
    }

    private static string EditEntryType(JsonObject header, Random rng)
    {
        var names = Tensors(header);
        if (names.Length == 0) return "no tensor to edit";
        var name = Pick(names, rng);
        var json = Pick(HostileValues.Json, rng);
        header[name] = JsonNode.Parse(json);
        return $"tensor '{name}' entry = {json}";
    }

    /// <summary>Repeats a key by text (a JSON object model cannot hold duplicates): a tensor entry, a metadata key,
    /// or a field inside an entry.</summary>
    private static Mutation Duplicate(byte[] headerBytes, byte[] data, Random rng)
    {
        var header = Encoding.UTF8.GetString(headerBytes).TrimEnd();
        var root = JsonNode.Parse(header)!.AsObject();
        string edited, description;
        switch (rng.Next(3))
        {
            case 0 when Entry(root, rng) is (var name, var entry):
                var copy = $"{JsonValue.Create(name).ToJsonString()}:{entry.ToJsonString()}";
                edited = header[..^1] + "," + copy + "}";
                description = $"tensor '{name}' appears twice";
                break;
            case 1 when root[Metadata] is JsonObject metadata && metadata.Count > 0:
                var key = Pick(metadata.Select(p => p.Key).ToArray(), rng);
                var metadataText = metadata.ToJsonString();
                var withDuplicate = metadataText[..^1] + $",{JsonValue.Create(key).ToJsonString()}:\"1\"}}";
                edited = header.Replace(metadataText, withDuplicate);
                description = $"metadata '{key}' appears twice";
                break;
            default:
                var at = header.IndexOf("\"dtype\":", StringComparison.Ordinal);
                if (at < 0) return Root(data, rng);
                edited = header.Insert(at, "\"dtype\":\"F64\",");
                description = "a tensor entry has dtype twice";
                break;
        }
        return new Mutation("header: duplicate key", description, Padded(edited, data));
    }

    /// <summary>Invalid UTF-8 bytes written into the header (over a byte inside a string, or anywhere), or an escaped
    /// lone surrogate in a name.</summary>
    private static Mutation BreakUtf8(byte[] headerBytes, byte[] data, Random rng)
    {
        if (rng.Next(4) == 0)
        {
            var text = Encoding.UTF8.GetString(headerBytes).TrimEnd();
            var quote = text.IndexOf('"', rng.Next(text.Length));
            if (quote < 0) quote = text.IndexOf('"');
            return new Mutation("header: invalid UTF-8", $"escaped lone surrogate after byte {quote}", Padded(text.Insert(quote + 1, "\\udc00"), data));
        }
        var bad = Pick(HostileValues.InvalidUtf8, rng);
        var position = rng.Next(headerBytes.Length);
        var bytes = (byte[])headerBytes.Clone();
        for (var i = 0; i < bad.Length && position + i < bytes.Length; i++) bytes[position + i] = bad[i];
        return new Mutation("header: invalid UTF-8", $"bytes {Convert.ToHexString(bad)} written at header byte {position}", SafeTensorsBytes.Build(bytes, data));
    }

    /// <summary>A tensor made empty consistently: a zero dimension, its bytes cut from the data and the offsets after
    /// it moved back, so the layout stays valid (an empty centers or coef array, a [2147483647, 0] shape).</summary>
    private static Mutation Empty(JsonObject header, byte[] data, Random rng)
    {
        if (Entry(header, rng) is not (var name, var entry)) return Root(data, rng);
        var (begin, end) = (entry["data_offsets"]![0]!.GetValue<int>(), entry["data_offsets"]![1]!.GetValue<int>());
        var dims = entry["shape"]!.AsArray().Select(d => d!.GetValue<long>()).ToList();
        List<long> shape = rng.Next(3) switch
        {
            0 when dims.Count > 0 => [0, .. dims.Skip(1)],
            1 => [int.MaxValue, 0],
            _ => [0],
        };
        entry["shape"] = new JsonArray(shape.Select(d => (JsonNode)d).ToArray());
        entry["data_offsets"] = new JsonArray(begin, begin);
        foreach (var other in Tensors(header).Where(n => n != name).Select(n => header[n]!["data_offsets"]!.AsArray()))
        {
            for (var i = 0; i < 2; i++)
            {
                if (other[i]!.GetValue<int>() >= end) other[i] = other[i]!.GetValue<int>() - (end - begin);
            }
        }
        return new Mutation("header: empty tensor", $"'{name}' emptied to shape [{string.Join(",", shape)}]", Padded(header.ToJsonString(), [.. data[..begin], .. data[end..]]));
    }

    private static Mutation Root(byte[] data, Random rng)
    {
        var root = Pick(new[] { "[]", "null", "1", "\"header\"", "{}", "", " ", "{\"__metadata__\":{}}", new string('[', 70) + new string(']', 70) }, rng);
        return new Mutation("header: root", $"header = {(root.Length > 20 ? "deeply nested arrays" : root)}", Padded(root, data));
    }
}
