using System.Buffers.Binary;
using System.Text;
using System.Text.RegularExpressions;

namespace Grimoire.Ml.Data;

/// <summary>Reads a 2-D little-endian float64 NumPy array (.npy, format 1.0–3.0, C order) as a data set whose
/// columns are x0 … x(d−2) and y (the last): the fast path for large benchmark data, where CSV parsing would
/// dominate. Written by numpy.save.</summary>
public static partial class NpyDataset
{
    public static bool IsNpy(string path) => path.EndsWith(".npy", StringComparison.OrdinalIgnoreCase);

    public static Dataset Load(string path, string? target)
    {
        if (!File.Exists(path)) throw new DataException($"data file '{path}' not found");
        var bytes = File.ReadAllBytes(path);
        if (bytes.Length < 10 || bytes[0] != 0x93 || !bytes.AsSpan(1, 5).SequenceEqual("NUMPY"u8)) throw new DataException($"{path}: not a .npy file (bad magic)");
        var major = bytes[6];
        var (headerStart, headerLength) = major == 1
            ? (10, (int)BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(8)))
            : (12, (int)BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(8)));
        if (headerStart + headerLength > bytes.Length) throw new DataException($"{path}: header runs past the end of the file");
        var header = Encoding.Latin1.GetString(bytes, headerStart, headerLength);
        if (!header.Contains("'descr': '<f8'")) throw new DataException($"{path}: only little-endian float64 arrays are read (header: {header.Trim()})");
        if (header.Contains("'fortran_order': True")) throw new DataException($"{path}: Fortran-order arrays are not read; save with numpy.ascontiguousarray");
        var shape = Shape().Match(header);
        if (!shape.Success) throw new DataException($"{path}: expected a 2-D array (header: {header.Trim()})");
        var (rows, cols) = (int.Parse(shape.Groups[1].Value), int.Parse(shape.Groups[2].Value));
        var dataStart = headerStart + headerLength;
        if (cols < 2 || rows < 1 || (long)rows * cols * 8 != bytes.Length - dataStart)
            throw new DataException($"{path}: shape ({rows}, {cols}) needs {(long)rows * cols * 8} data bytes and at least 2 columns; the file has {bytes.Length - dataStart}");
        var values = new double[(long)rows * cols];
        for (long i = 0; i < values.LongLength; i++) values[i] = BinaryPrimitives.ReadDoubleLittleEndian(bytes.AsSpan((int)(dataStart + i * 8), 8));
        if (values.Any(v => !double.IsFinite(v))) throw new DataException($"{path}: holds a value that is not finite (row {Array.FindIndex(values, v => !double.IsFinite(v)) / cols + 1})");
        var names = Enumerable.Range(0, cols - 1).Select(c => $"x{c}").Append("y").ToArray();
        if (target is not null && target != "y") throw new DataException($"{path}: no column '{target}' (a .npy data set's target is its last column, 'y')");
        if (target is null) return new Dataset(path, names, Tensor.FromArray(values, new Shape(rows, cols)), null, null);
        var x = new double[(long)rows * (cols - 1)];
        var y = new double[rows];
        for (var r = 0; r < rows; r++)
        {
            Array.Copy(values, (long)r * cols, x, (long)r * (cols - 1), cols - 1);
            y[r] = values[(long)r * cols + cols - 1];
        }
        return new Dataset(path, names[..^1], Tensor.FromArray(x, new Shape(rows, cols - 1)), "y", Tensor.FromArray(y, new Shape(rows)));
    }

    [GeneratedRegex(@"'shape': \((\d+), (\d+)\)")]
    private static partial Regex Shape();
}
