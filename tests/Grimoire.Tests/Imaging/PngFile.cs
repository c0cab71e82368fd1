using System.Buffers.Binary;
using System.IO.Compression;
using Grimoire.Imaging;

namespace Grimoire.Tests.Imaging;

/// <summary>A test-side reader for the PNGs the CLI writes: checks the signature and every chunk's CRC, reads IHDR,
/// and inflates IDAT back to pixels, asserting the form PngWriter promises (8-bit RGB, filter 0 on every row).</summary>
public sealed record PngFile(int Width, int Height, byte BitDepth, byte ColourType, IReadOnlyList<string> ChunkTypes, byte[] Pixels)
{
    /// <summary>The pixels as a canvas, so image checks written for drawn canvases apply to written files too.</summary>
    internal Canvas ToCanvas()
    {
        var canvas = new Canvas(Width, Height, Rgb.White);
        Pixels.CopyTo(canvas.Pixels, 0);
        return canvas;
    }

    public static PngFile Read(string path) => Read(File.ReadAllBytes(path));

    public static PngFile Read(byte[] bytes)
    {
        Assert.That(bytes.AsSpan(0, 8).ToArray(), Is.EqualTo(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }), "PNG signature");
        var types = new List<string>();
        byte[] header = [];
        using var idat = new MemoryStream();
        for (var at = 8; at < bytes.Length;)
        {
            var length = BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(at));
            var typeAndData = bytes.AsSpan(at + 4, 4 + length);
            var type = System.Text.Encoding.ASCII.GetString(typeAndData[..4]);
            var crc = BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan(at + 8 + length));
            Assert.That(crc, Is.EqualTo(Crc32.Compute(typeAndData)), $"CRC of chunk {type}");
            types.Add(type);
            if (type == "IHDR") header = typeAndData[4..].ToArray();
            if (type == "IDAT") idat.Write(typeAndData[4..]);
            at += 12 + length;
        }
        Assert.That(header, Has.Length.EqualTo(13), "IHDR holds 13 bytes");
        Assert.That(header[10..], Is.EqualTo(new byte[] { 0, 0, 0 }), "deflate, filter method 0, no interlace");
        var (width, height) = (BinaryPrimitives.ReadInt32BigEndian(header), BinaryPrimitives.ReadInt32BigEndian(header.AsSpan(4)));
        idat.Position = 0;
        using var inflated = new MemoryStream();
        using (var zlib = new ZLibStream(idat, CompressionMode.Decompress)) zlib.CopyTo(inflated);
        var raw = inflated.ToArray();
        var stride = 3 * width;
        Assert.That(raw, Has.Length.EqualTo(height * (stride + 1)), "one filter byte and 3 bytes per pixel per row");
        var pixels = new byte[height * stride];
        for (var row = 0; row < height; row++)
        {
            Assert.That(raw[row * (stride + 1)], Is.Zero, $"filter type of row {row}");
            Array.Copy(raw, row * (stride + 1) + 1, pixels, row * stride, stride);
        }
        return new PngFile(width, height, header[8], header[9], types, pixels);
    }
}
