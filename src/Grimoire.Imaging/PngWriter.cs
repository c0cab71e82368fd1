using System.Buffers.Binary;
using System.IO.Compression;

namespace Grimoire.Imaging;

/// <summary>Writes a <see cref="Canvas"/> as a PNG (ISO/IEC 15948): the signature, IHDR (8-bit truecolour, no
/// interlace), one IDAT holding the zlib stream of the rows, each prefixed by filter type 0 (none), and IEND. The
/// plots and label maps it serves compress well enough unfiltered.</summary>
public static class PngWriter
{
    /// <summary>The 8 bytes every PNG file starts with (read-only data in the assembly image).</summary>
    public static ReadOnlySpan<byte> Signature => [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];

    private const byte BitDepth = 8;
    private const byte TrueColour = 2;

    /// <summary>Writes the file; a path that cannot be written becomes one <see cref="InvalidOperationException"/>
    /// naming it, which the CLI prints as a one-line error.</summary>
    public static void Write(Canvas canvas, string path)
    {
        try
        {
            using var file = File.Create(path);
            Write(canvas, file);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new InvalidOperationException($"cannot write PNG '{path}': {e.Message}", e);
        }
    }

    /// <summary>Writes the PNG to <paramref name="output"/> from its current position; the stream is left open.</summary>
    public static void Write(Canvas canvas, Stream output)
    {
        output.Write(Signature);
        var header = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(header, canvas.Width);
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4), canvas.Height);
        header[8] = BitDepth;
        header[9] = TrueColour;
        // bytes 10-12: compression 0 (deflate), filter method 0, interlace 0 (none)
        WriteChunk(output, "IHDR", header);
        WriteChunk(output, "IDAT", Compress(canvas));
        WriteChunk(output, "IEND", []);
    }

    private static byte[] Compress(Canvas canvas)
    {
        var stride = canvas.Width * 3;
        using var buffer = new MemoryStream();
        using (var zlib = new ZLibStream(buffer, CompressionLevel.Optimal, leaveOpen: true))
        {
            for (var row = 0; row < canvas.Height; row++)
            {
                zlib.WriteByte(0);
                zlib.Write(canvas.Pixels, row * stride, stride);
            }
        }
        return buffer.ToArray();
    }

    /// <summary>Length (big-endian, data only), type, data, and the CRC-32 of type and data.</summary>
    private static void WriteChunk(Stream output, string type, byte[] data)
    {
        Span<byte> word = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(word, data.Length);
        output.Write(word);
        var typeBytes = System.Text.Encoding.ASCII.GetBytes(type);
        output.Write(typeBytes);
        output.Write(data);
        BinaryPrimitives.WriteUInt32BigEndian(word, Crc32.Compute(data, Crc32.Compute(typeBytes)));
        output.Write(word);
    }
}
