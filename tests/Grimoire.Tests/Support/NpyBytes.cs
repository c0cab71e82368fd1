using System.Buffers.Binary;
using System.Text;

namespace Grimoire.Tests.Support;

/// <summary>.npy files assembled byte by byte: magic, version, header length (uint16 for version 1, uint32 after),
/// the header dictionary padded as numpy.save pads it, then the data.</summary>
internal static class NpyBytes
{
    public static byte[] Build(string dictionary, byte[] data, byte major = 1, uint? headerLength = null)
    {
        var prefix = major == 1 ? 10 : 12;
        var text = dictionary + " ";
        text += new string(' ', (64 - (prefix + text.Length + 1) % 64) % 64) + "\n";
        var header = Encoding.Latin1.GetBytes(text);
        var file = new byte[prefix + header.Length + data.Length];
        file[0] = 0x93;
        "NUMPY"u8.CopyTo(file.AsSpan(1));
        file[6] = major;
        if (major == 1) BinaryPrimitives.WriteUInt16LittleEndian(file.AsSpan(8), (ushort)(headerLength ?? (uint)header.Length));
        else BinaryPrimitives.WriteUInt32LittleEndian(file.AsSpan(8), headerLength ?? (uint)header.Length);
        header.CopyTo(file, prefix);
        data.CopyTo(file, prefix + header.Length);
        return file;
    }

    /// <summary>A float64 C-order array of <paramref name="rows"/> x <paramref name="columns"/>.</summary>
    public static byte[] Build(double[] values, int rows, int columns, byte major = 1) =>
        Build($"{{'descr': '<f8', 'fortran_order': False, 'shape': ({rows}, {columns}), }}", Doubles(values), major);

    public static byte[] Doubles(double[] values)
    {
        var bytes = new byte[values.Length * 8];
        for (var i = 0; i < values.Length; i++) BinaryPrimitives.WriteDoubleLittleEndian(bytes.AsSpan(i * 8), values[i]);
        return bytes;
    }
}
