using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Grimoire.IO;

/// <summary>One named array in a safetensors file: its element type, shape and raw little-endian bytes.</summary>
public sealed record StoredTensor(string Name, DType DType, int[] Shape, byte[] Data)
{
    /// <summary>The bytes of <paramref name="values"/> as stored (the engine runs on little-endian hosts only).</summary>
    public static StoredTensor From<T>(string name, int[] shape, T[] values) where T : unmanaged =>
        new(name, DTypeExtensions.Of<T>(), shape, MemoryMarshal.AsBytes(values.AsSpan()).ToArray());

    /// <summary>The elements, which must be of type <typeparamref name="T"/>.</summary>
    public T[] Values<T>() where T : unmanaged => MemoryMarshal.Cast<byte, T>(Data).ToArray();
}

/// <summary>
/// The safetensors layout (readable by PyTorch's and Hugging Face's tools): an 8-byte little-endian header length,
/// a JSON header padded with spaces to a multiple of 8 bytes, then the arrays' raw bytes back to back. The header maps
/// each name to {"dtype":"F32"|"F64"|"I32","shape":[…],"data_offsets":[begin,end]} and "__metadata__" to string
/// pairs. Writing goes to a temporary file that is then renamed, so a crash never leaves half a file. Readers pass
/// the kind of file (for messages) and the exception type their callers expect.
/// </summary>
public static class SafeTensors
{
    private const long MaxHeader = 16 << 20;

    public static void Write(string path, IReadOnlyDictionary<string, string> metadata, IEnumerable<StoredTensor> tensors)
    {
        var header = new JsonObject { ["__metadata__"] = new JsonObject(metadata.Select(p => KeyValuePair.Create(p.Key, (JsonNode?)p.Value))) };
        var list = tensors.ToList();
        long offset = 0;
        foreach (var t in list)
        {
            header[t.Name] = new JsonObject
            {
                ["dtype"] = Tag(t.DType),
                ["shape"] = new JsonArray(t.Shape.Select(d => (JsonNode)d).ToArray()),
                ["data_offsets"] = new JsonArray(offset, offset + t.Data.Length),
            };
            offset += t.Data.Length;
        }
        var json = header.ToJsonString();
        var headerBytes = Encoding.UTF8.GetBytes(json.PadRight(json.Length + (8 - Encoding.UTF8.GetByteCount(json) % 8) % 8));
        var temporary = path + ".tmp";
        using (var file = File.Create(temporary))
        {
            Span<byte> length = stackalloc byte[8];
            BinaryPrimitives.WriteUInt64LittleEndian(length, (ulong)headerBytes.Length);
            file.Write(length);
            file.Write(headerBytes);
            foreach (var t in list) file.Write(t.Data);
        }
        File.Move(temporary, path, overwrite: true);
    }

    /// <summary>The metadata and arrays of the file at <paramref name="path"/>, in header order. Every problem is raised
    /// through <paramref name="error"/> with a message naming the file (as a <paramref name="kind"/>) and the array.</summary>
    public static (IReadOnlyDictionary<string, string> Metadata, IReadOnlyList<StoredTensor> Tensors) Read(string path, string kind, Func<string, Exception> error)
    {
        if (!File.Exists(path)) throw error($"{kind} '{path}' not found");
        var bytes = File.ReadAllBytes(path);
        if (bytes.Length < 8) throw error($"{path}: not a {kind} (shorter than the 8-byte header length)");
        var headerLength = BinaryPrimitives.ReadUInt64LittleEndian(bytes);
        if (headerLength > MaxHeader || (long)headerLength > bytes.Length - 8)
            throw error($"{path}: header length {headerLength} exceeds the file ({bytes.Length} bytes): truncated or not a {kind}");
        JsonObject header;
        try
        {
            header = JsonNode.Parse(bytes.AsSpan(8, (int)headerLength))?.AsObject() ?? throw new JsonException("null header");
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            throw error($"{path}: header is not valid JSON ({e.Message})");
        }
        var data = bytes.AsSpan(8 + (int)headerLength);
        var metadata = new Dictionary<string, string>();
        var tensors = new List<StoredTensor>();
        foreach (var (name, node) in header)
        {
            try
            {
                if (name == "__metadata__")
                {
                    foreach (var (key, value) in node?.AsObject() ?? []) metadata[key] = value?.GetValue<string>() ?? "";
                }
                else tensors.Add(ReadTensor(path, name, node as JsonObject, data, error));
            }
            catch (Exception e) when (e is InvalidOperationException or FormatException)
            {
                throw error($"{path}: header entry '{name}' is malformed ({e.Message})");
            }
        }
        return (metadata, tensors);
    }

    private static StoredTensor ReadTensor(string path, string name, JsonObject? entry, ReadOnlySpan<byte> data, Func<string, Exception> error)
    {
        var tag = entry?["dtype"]?.GetValue<string>();
        var dtype = tag switch
        {
            "F32" => DType.Float32,
            "F64" => DType.Float64,
            "I32" => DType.Int32,
            _ => throw error($"{path}: array '{name}' has dtype {tag ?? "(none)"}; grimoire reads F32, F64 and I32"),
        };
        var shape = (entry!["shape"] as JsonArray ?? throw error($"{path}: array '{name}' has no shape")).Select(d => d?.GetValue<int>() ?? -1).ToArray();
        var offsets = (entry["data_offsets"] as JsonArray ?? throw error($"{path}: array '{name}' has no data_offsets")).Select(o => o?.GetValue<long>() ?? -1).ToArray();
        var count = shape.Aggregate(1L, (a, d) => d < 0 || a < 0 ? -1 : a * d);
        if (count < 0 || offsets.Length != 2 || offsets[0] < 0 || offsets[1] > data.Length || offsets[1] - offsets[0] != count * dtype.SizeInBytes())
            throw error($"{path}: array '{name}' of shape [{string.Join(", ", shape)}] does not fit its data offsets [{string.Join(", ", offsets)}] in {data.Length} data bytes (truncated or corrupt)");
        return new StoredTensor(name, dtype, shape, data[(int)offsets[0]..(int)offsets[1]].ToArray());
    }

    private static string Tag(DType dtype) => dtype switch
    {
        DType.Float32 => "F32",
        DType.Float64 => "F64",
        DType.Int32 => "I32",
        _ => throw new DTypeException($"safetensors has no tag for {dtype.Name()}"),
    };
}
