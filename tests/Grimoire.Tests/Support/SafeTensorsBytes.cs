using System.Buffers.Binary;
using System.Text;

namespace Grimoire.Tests.Support;

/// <summary>Safetensors files assembled byte by byte (length, header, data), so tests can write what
/// <see cref="Grimoire.IO.SafeTensors.Write"/> never would: wrong lengths, duplicate keys, invalid UTF-8.</summary>
internal static class SafeTensorsBytes
{
    /// <summary>The file for <paramref name="header"/> (UTF-8) and <paramref name="data"/>; the length field says
    /// <paramref name="headerLength"/> when given, else the header's true length.</summary>
    public static byte[] Build(string header, byte[] data, ulong? headerLength = null) => Build(Encoding.UTF8.GetBytes(header), data, headerLength);

    public static byte[] Build(byte[] header, byte[] data, ulong? headerLength = null)
    {
        var file = new byte[8 + header.Length + data.Length];
        BinaryPrimitives.WriteUInt64LittleEndian(file, headerLength ?? (ulong)header.Length);
        header.CopyTo(file, 8);
        data.CopyTo(file, 8 + header.Length);
        return file;
    }

    /// <summary>The header bytes and the data section of a well-formed file.</summary>
    public static (byte[] Header, byte[] Data) Split(byte[] file)
    {
        var length = (int)BinaryPrimitives.ReadUInt64LittleEndian(file);
        return (file[8..(8 + length)], file[(8 + length)..]);
    }
}
