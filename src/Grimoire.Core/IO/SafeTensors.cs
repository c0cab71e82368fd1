using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Text;
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

    /// <summary>Writes <paramref name="tensors"/> under <paramref name="path"/> with <paramref name="metadata"/> as
    /// "__metadata__", through a temporary file renamed into place (an existing file is replaced).</summary>
    /// <exception cref="IOException">the file cannot be written.</exception>
    public static void Write(string path, IReadOnlyDictionary<string, string> metadata, IEnumerable<StoredTensor> tensors)
    {
        var header = new JsonObject { [SafeTensorsHeader.MetadataKey] = new JsonObject(metadata.Select(p => KeyValuePair.Create(p.Key, (JsonNode?)p.Value))) };
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
        AtomicFile.Write(path, file =>
        {
            Span<byte> length = stackalloc byte[8];
            BinaryPrimitives.WriteUInt64LittleEndian(length, (ulong)headerBytes.Length);
            file.Write(length);
            file.Write(headerBytes);
            foreach (var t in list) file.Write(t.Data);
        });
    }

    /// <summary>The metadata and arrays of the file at <paramref name="path"/>, in header order. Every problem is raised
    /// through <paramref name="error"/> with a message naming the file (as a <paramref name="kind"/>) and the array;
    /// <see cref="SafeTensorsHeader"/> lists what is checked.</summary>
    public static (IReadOnlyDictionary<string, string> Metadata, IReadOnlyList<StoredTensor> Tensors) Read(string path, string kind, Func<string, Exception> error)
    {
        var bytes = FileBytes.Read(path, kind, error);
        if (bytes.Length < 8) throw error($"{path}: not a {kind} (shorter than the 8-byte header length)");
        var headerLength = BinaryPrimitives.ReadUInt64LittleEndian(bytes);
        if (headerLength > MaxHeader || headerLength > (ulong)(bytes.Length - 8))
            throw error($"{path}: header length {headerLength} exceeds the file ({bytes.Length} bytes) or the {MaxHeader}-byte limit: truncated or not a {kind}");
        var dataStart = 8 + (int)headerLength;
        var (metadata, entries) = SafeTensorsHeader.Parse(bytes.AsMemory(8, (int)headerLength), bytes.Length - dataStart, path, error);
        return (metadata, entries.Select(e => new StoredTensor(e.Name, e.DType, e.Shape, bytes[(dataStart + e.Begin)..(dataStart + e.End)])).ToList());
    }

    private static string Tag(DType dtype) => dtype switch
    {
        DType.Float32 => "F32",
        DType.Float64 => "F64",
        DType.Int32 => "I32",
        _ => throw new DTypeException($"safetensors has no tag for {dtype.Name()}"),
    };
}
