using System.Buffers.Binary;
using Grimoire.Ml.Data;
using Grimoire.Tests.Support;

namespace Grimoire.Tests.Fuzzing;

/// <summary>A float64 .npy data set of 12 rows and 4 columns (the last the target). Loading is
/// <see cref="NpyDataset.Load"/>; an accepted file's features and target must be its trailing data bytes.</summary>
internal sealed class NpySubject : FuzzSubject
{
    private const string Dictionary = "{'descr': '<f8', 'fortran_order': False, 'shape': (12, 4), }";
    private static readonly byte[] Data = NpyBytes.Doubles(Enumerable.Range(0, 48).Select(i => Math.Sin(i) * (i + 1)).ToArray());

    public override string Name => ".npy: 12 x 4 float64";

    public override byte[] File { get; } = NpyBytes.Build(Dictionary, Data);

    protected override int DataStart => File.Length - Data.Length;

    protected override Mutation EditHeader(Random rng) => NpyHeaderEdits.Apply(File, Dictionary, Data, rng);

    public override Verdict Load(string path, byte[] bytes)
    {
        Dataset data;
        try
        {
            data = NpyDataset.Load(path, "y");
        }
        catch (GrimoireException e)
        {
            return Verdict.Refuse(e, path);
        }
        using (data) return Verdict.Accept(Check(bytes, data));
    }

    /// <summary>The rows·columns values the data set holds are the file's last bytes, the header length field (read
    /// per the version byte) ends the header exactly where they start, and the header states their shape.</summary>
    private static string? Check(byte[] bytes, Dataset data)
    {
        var (rows, columns) = (data.Rows, data.Features.Count + 1);
        var dataStart = bytes.Length - rows * columns * 8;
        var headerEnd = bytes[6] == 1 ? 10 + BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(8)) : 12 + (long)BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(8));
        if (headerEnd != dataStart) return $"the header ends at byte {headerEnd} but {rows} x {columns} values start at {dataStart}";
        if (!System.Text.Encoding.Latin1.GetString(bytes, 0, dataStart).Contains($"'shape': ({rows}, {columns})")) return $"the header does not state the shape ({rows}, {columns})";
        var (x, y) = (data.X.ToDoubleArray(), data.Y!.ToDoubleArray());
        for (var r = 0; r < rows; r++)
        {
            for (var c = 0; c < columns; c++)
            {
                var stored = BinaryPrimitives.ReadDoubleLittleEndian(bytes.AsSpan(dataStart + 8 * (r * columns + c)));
                var loaded = c < columns - 1 ? x[r * (columns - 1) + c] : y[r];
                if (BitConverter.DoubleToInt64Bits(stored) != BitConverter.DoubleToInt64Bits(loaded)) return $"row {r} column {c} is {loaded}, the file holds {stored}";
            }
        }
        return null;
    }
}
