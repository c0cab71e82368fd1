using Grimoire.Imaging;

namespace Grimoire.Tests.Imaging;

/// <summary>The raster primitives: Bresenham lines hit both ends and one pixel per step of the longer axis,
/// rectangles fill exactly their area, and drawing off the canvas is clipped (text: <see cref="BitmapFontTests"/>).</summary>
public sealed class CanvasTests
{
    private static readonly Rgb Ink = new(255, 0, 0);

    private static int Inked(Canvas c) => Enumerable.Range(0, c.Width * c.Height).Count(i => c[i % c.Width, i / c.Width] == Ink);

    [TestCase(0, 0, 9, 3)]
    [TestCase(9, 3, 0, 0)]
    [TestCase(2, 8, 5, 0)]
    [TestCase(4, 4, 4, 4)]
    public void LineCoversBothEndsWithOnePixelPerMajorStep(int x0, int y0, int x1, int y1)
    {
        var canvas = new Canvas(10, 10, Rgb.White);
        canvas.Line(x0, y0, x1, y1, Ink);
        Assert.That(canvas[x0, y0], Is.EqualTo(Ink));
        Assert.That(canvas[x1, y1], Is.EqualTo(Ink));
        Assert.That(Inked(canvas), Is.EqualTo(Math.Max(Math.Abs(x1 - x0), Math.Abs(y1 - y0)) + 1));
    }

    [Test]
    public void RectanglesAndLinesAreClippedToTheCanvas()
    {
        var canvas = new Canvas(6, 4, Rgb.White);
        canvas.FillRect(-2, 2, 5, 10, Ink);
        Assert.That(Inked(canvas), Is.EqualTo(3 * 2));
        canvas.Line(-5, 0, 20, 0, Ink);
        Assert.That(Inked(canvas), Is.EqualTo(3 * 2 + 6));
    }

    /// <summary>width·height·3 is computed in 64 bits: 65536x21846 wraps to 131072 bytes in 32-bit arithmetic (a canvas
    /// that would index past its pixels), 50000x50000 to a negative length.</summary>
    [TestCase(65536, 21846)]
    [TestCase(50_000, 50_000)]
    [TestCase(int.MaxValue, int.MaxValue)]
    public void ACanvasTooLargeForOneArrayIsRefusedByItsSize(int width, int height)
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => _ = new Canvas(width, height, Rgb.White));
        Assert.That(e!.Message, Does.Contain($"{width}x{height}").And.Contain(((Int128)width * height * 3).ToString(System.Globalization.CultureInfo.InvariantCulture)));
    }
}
