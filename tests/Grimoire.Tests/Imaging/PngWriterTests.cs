using Grimoire.Imaging;

namespace Grimoire.Tests.Imaging;

/// <summary>The PNG writer produces a file any reader accepts: signature, IHDR fields, chunk CRCs, and an IDAT that
/// inflates to exactly the canvas's pixels.</summary>
public sealed class PngWriterTests
{
    [Test]
    public void Crc32MatchesPublishedCheckValues()
    {
        Assert.That(Crc32.Compute("123456789"u8), Is.EqualTo(0xCBF43926u), "the CRC-32 check value");
        Assert.That(Crc32.Compute("IEND"u8), Is.EqualTo(0xAE426082u), "the CRC every PNG's IEND chunk carries");
        Assert.That(Crc32.Compute("56789"u8, Crc32.Compute("1234"u8)), Is.EqualTo(0xCBF43926u), "continuing a CRC");
    }

    [Test]
    public void WrittenPngHasValidChunksAndInflatesToThePixels()
    {
        var canvas = new Canvas(7, 5, new Rgb(10, 20, 30));
        canvas.FillRect(1, 1, 3, 2, new Rgb(200, 100, 50));
        canvas.Set(6, 4, Rgb.White);
        using var stream = new MemoryStream();
        PngWriter.Write(canvas, stream);

        var png = PngFile.Read(stream.ToArray());
        Assert.That((png.Width, png.Height, png.BitDepth, png.ColourType), Is.EqualTo((7, 5, (byte)8, (byte)2)));
        Assert.That(png.ChunkTypes, Is.EqualTo(new[] { "IHDR", "IDAT", "IEND" }));
        Assert.That(png.Pixels, Is.EqualTo(canvas.Pixels));
    }

    [Test]
    public void UnwritablePathIsOneInvalidOperation()
    {
        var path = Path.Combine(Path.GetTempPath(), Guid.NewGuid().ToString("N"), "missing", "x.png");
        var e = Assert.Throws<InvalidOperationException>(() => PngWriter.Write(new Canvas(2, 2, Rgb.Black), path));
        Assert.That(e!.Message, Does.Contain(path));
    }
}
