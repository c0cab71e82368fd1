using Grimoire.IO;

namespace Grimoire.Tests.Fuzzing;

/// <summary>A plain safetensors file of every dtype grimoire reads, an empty tensor among them. Loading is
/// <see cref="SafeTensors.Read"/>; what it returns must be exactly what the file holds.</summary>
internal sealed class PlainSafeTensorsSubject : SafeTensorsSubject
{
    public PlainSafeTensorsSubject()
    {
        File = Written(".safetensors", path => SafeTensors.Write(path, new Dictionary<string, string> { ["purpose"] = "fuzzing", ["count"] = "5" },
            [
                StoredTensor.From("weights", [2, 3], new[] { 1.5f, -2f, 0f, 3.25f, 1e-3f, -7f }),
                StoredTensor.From("bias", [4], new[] { 0.1, -0.2, 1e300, -0.0 }),
                StoredTensor.From("labels", [5], new[] { 0, 1, -1, int.MaxValue, 7 }),
                StoredTensor.From("empty", [0, 7], Array.Empty<float>()),
                StoredTensor.From("cube", [1, 1, 2], new[] { 2.0, 4.0 }),
            ]));
    }

    public override string Name => "safetensors: F32, F64, I32 and empty tensors";

    public override byte[] File { get; }

    public override Verdict Load(string path, byte[] bytes)
    {
        (IReadOnlyDictionary<string, string> Metadata, IReadOnlyList<StoredTensor> Tensors) read;
        try
        {
            read = SafeTensors.Read(path, "test file", message => new GrimoireException(message));
        }
        catch (GrimoireException e)
        {
            return Verdict.Refuse(e, path);
        }
        if (ReferenceSafeTensors.Parse(bytes) is not { } file) return Verdict.Accept("accepted a file that breaks the safetensors layout");
        if (!read.Metadata.OrderBy(p => p.Key).SequenceEqual(file.Metadata.OrderBy(p => p.Key))) return Verdict.Accept("the metadata differs from the file's");
        if (read.Tensors.Count != file.Tensors.Count) return Verdict.Accept("the tensors differ from the file's");
        foreach (var (got, stored) in read.Tensors.Zip(file.Tensors))
        {
            if (got.Name != stored.Name || Tag(got.DType) != stored.DType || !got.Shape.Select(d => (long)d).SequenceEqual(stored.Shape) || !got.Data.SequenceEqual(stored.Bytes))
                return Verdict.Accept($"tensor '{got.Name}' differs from the file's '{stored.Name}'");
        }
        return Verdict.Accept(null);
    }

    private static string Tag(DType dtype) => dtype switch { DType.Float32 => "F32", DType.Float64 => "F64", _ => "I32" };
}
