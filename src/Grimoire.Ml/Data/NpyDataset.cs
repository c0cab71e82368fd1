using System.Buffers.Binary;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Grimoire.IO;

namespace Grimoire.Ml.Data;

/// <summary>Reads a 2-D little-endian float64 NumPy array (.npy, format 1.0–3.0, C order) as a data set whose
/// columns are x0 … x(d−2) and y (the last): the fast path for large benchmark data, where CSV parsing would
/// dominate. Written by numpy.save. Every malformed file is a <see cref="DataException"/> naming it.</summary>
public static partial class NpyDataset
{
    /// <summary>True when <paramref name="path"/> ends in ".npy" (any case).</summary>
    public static bool IsNpy(string path) => path.EndsWith(".npy", StringComparison.OrdinalIgnoreCase);

    /// <summary>The array at <paramref name="path"/> as a data set; with <paramref name="target"/> "y" the last column is the target,
    /// with null every column is a feature.</summary>
    /// <exception cref="DataException">a missing, unreadable or malformed file, fewer than 2 columns, a non-finite value, or
    /// a target other than "y".</exception>
    public static Dataset Load(string path, string? target)
    {
        var bytes = FileBytes.Read(path, "data file", message => new DataException(message));
        var (header, dataStart) = Header(path, bytes);
        if (!header.Contains("'descr': '<f8'")) throw new DataException($"{path}: only little-endian float64 arrays are read (header: {Excerpt.Of(header.Trim(), 120)})");
        if (!header.Contains("'fortran_order': False")) throw new DataException($"{path}: only C-order arrays are read; save with numpy.ascontiguousarray (header: {Excerpt.Of(header.Trim(), 120)})");
        var shape = Shape().Match(header);
        if (!shape.Success) throw new DataException($"{path}: expected a 2-D array (header: {Excerpt.Of(header.Trim(), 120)})");
        if (!int.TryParse(shape.Groups[1].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var rows)
            || !int.TryParse(shape.Groups[2].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var cols))
            throw new DataException($"{path}: {Excerpt.Of(shape.Value)} has a dimension beyond {int.MaxValue}");
        // rows·cols fits a long (both are ints); rows·cols·8 may not, so compare element counts instead.
        var dataBytes = bytes.Length - dataStart;
        if (cols < 2 || rows < 1 || dataBytes % 8 != 0 || (long)rows * cols != dataBytes / 8)
            throw new DataException($"{path}: shape ({rows}, {cols}) needs {rows} x {cols} float64 values and at least 2 columns; the file has {dataBytes} data bytes");
        var values = new double[rows * cols];
        for (var i = 0; i < values.Length; i++) values[i] = BinaryPrimitives.ReadDoubleLittleEndian(bytes.AsSpan(dataStart + i * 8, 8));
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

    /// <summary>The header text and where the data starts: magic, a version 1.0 (uint16 header length) or 2.0/3.0
    /// (uint32), and a header that ends inside the file, checked in 64-bit arithmetic.</summary>
    private static (string Header, int DataStart) Header(string path, byte[] bytes)
    {
        if (bytes.Length < 10 || bytes[0] != 0x93 || !bytes.AsSpan(1, 5).SequenceEqual("NUMPY"u8)) throw new DataException($"{path}: not a .npy file (bad magic)");
        var (major, minor) = (bytes[6], bytes[7]);
        if (major is < 1 or > 3 || minor != 0) throw new DataException($"{path}: .npy format version {major}.{minor} is not read (versions 1.0, 2.0 and 3.0 are)");
        var headerStart = major == 1 ? 10 : 12;
        if (bytes.Length < headerStart) throw new DataException($"{path}: header length field runs past the end of the file ({bytes.Length} bytes)");
        long headerLength = major == 1 ? BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(8)) : BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(8));
        if (headerStart + headerLength > bytes.Length)
            throw new DataException($"{path}: header of {headerLength} bytes runs past the end of the file ({bytes.Length} bytes)");
        return (Encoding.Latin1.GetString(bytes, headerStart, (int)headerLength), headerStart + (int)headerLength);
    }

    [GeneratedRegex(@"'shape': \((\d+), (\d+)\)")]
    private static partial Regex Shape();
}
