using System.Buffers.Binary;
using System.Text;
using System.Text.Json;

namespace Grimoire.Tests.Fuzzing;

/// <summary>The fuzz oracle's own reading of a safetensors file, written from the format's specification without
/// the engine's reader: what a file really holds. Null when the file breaks the specification, so a reader that
/// accepts it is wrong.</summary>
internal sealed record ReferenceSafeTensors(Dictionary<string, string> Metadata, List<ReferenceSafeTensors.Tensor> Tensors)
{
    public sealed record Tensor(string Name, string DType, long[] Shape, byte[] Bytes);

    private static readonly Dictionary<string, int> Sizes = new() { ["F32"] = 4, ["F64"] = 8, ["I32"] = 4 };

    public Tensor Named(string name) => Tensors.Single(t => t.Name == name);

    /// <summary>Every float64 element of every F64 tensor.</summary>
    public IEnumerable<double> Doubles => Tensors.Where(t => t.DType == "F64").SelectMany(t => Enumerable.Range(0, t.Bytes.Length / 8).Select(i => BitConverter.ToDouble(t.Bytes, 8 * i)));

    public static ReferenceSafeTensors? Parse(byte[] file)
    {
        if (file.Length < 8) return null;
        var length = BinaryPrimitives.ReadUInt64LittleEndian(file);
        if (length > (ulong)file.Length - 8) return null;
        var dataStart = 8 + (int)length;
        try
        {
            var text = new System.Text.UTF8Encoding(false, throwOnInvalidBytes: true).GetString(file, 8, (int)length);
            using var document = JsonDocument.Parse(text, new JsonDocumentOptions { AllowDuplicateProperties = false });
            if (document.RootElement.ValueKind != JsonValueKind.Object) return null;
            var metadata = new Dictionary<string, string>();
            var tensors = new List<(Tensor Tensor, long Begin, long End)>();
            foreach (var p in document.RootElement.EnumerateObject())
            {
                if (p.Name == "__metadata__")
                {
                    foreach (var m in p.Value.EnumerateObject()) metadata[m.Name] = m.Value.ValueKind == JsonValueKind.String ? m.Value.GetString()! : throw new FormatException();
                    continue;
                }
                var dtype = p.Value.GetProperty("dtype").GetString()!;
                var shape = p.Value.GetProperty("shape").EnumerateArray().Select(d => d.GetInt64()).ToArray();
                var offsets = p.Value.GetProperty("data_offsets").EnumerateArray().Select(d => d.GetInt64()).ToArray();
                var count = shape.Aggregate(System.Numerics.BigInteger.One, (a, d) => a * d);
                if (!Sizes.TryGetValue(dtype, out var size) || shape.Any(d => d < 0) || count > int.MaxValue || offsets.Length != 2
                    || offsets[0] < 0 || offsets[1] < offsets[0] || offsets[1] > file.Length - dataStart || offsets[1] - offsets[0] != count * size)
                    return null;
                tensors.Add((new Tensor(p.Name, dtype, shape, file[(dataStart + (int)offsets[0])..(dataStart + (int)offsets[1])]), offsets[0], offsets[1]));
            }
            var end = 0L;
            foreach (var (_, begin, stop) in tensors.OrderBy(t => t.Begin).ThenBy(t => t.End))
            {
                if (begin != end) return null;
                end = stop;
            }
            return end == file.Length - dataStart ? new ReferenceSafeTensors(metadata, tensors.Select(t => t.Tensor).ToList()) : null;
        }
        catch (Exception e) when (e is JsonException or FormatException or InvalidOperationException or ArgumentException or KeyNotFoundException or DecoderFallbackException)
        {
            return null;
        }
    }
}
