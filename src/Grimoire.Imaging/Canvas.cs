namespace Grimoire.Imaging;

/// <summary>A width × height RGB raster, row-major from the top-left, with the few primitives a plot needs. Drawing
/// outside the canvas is clipped silently, so callers may pass lines that leave the plot area.</summary>
public sealed class Canvas
{
    /// <summary>A canvas filled with <paramref name="background"/>. It owns <see cref="Pixels"/>, width·height·3 bytes.</summary>
    /// <exception cref="ArgumentOutOfRangeException">a width or height below 1, or more than <see cref="Array.MaxLength"/>
    /// bytes of pixels.</exception>
    public Canvas(int width, int height, Rgb background)
    {
        if (width < 1 || height < 1) throw new ArgumentOutOfRangeException(nameof(width), $"a canvas needs a positive size, got {width}x{height}");
        // Int128: even int.MaxValue² · 3 fits, so the check itself cannot overflow.
        var bytes = (Int128)width * height * 3;
        if (bytes > Array.MaxLength)
            throw new ArgumentOutOfRangeException(nameof(width), $"a {width}x{height} canvas needs {bytes} bytes of pixels, more than one array holds ({Array.MaxLength})");
        Width = width;
        Height = height;
        Pixels = new byte[(int)bytes];
        FillRect(0, 0, width, height, background);
    }

    /// <summary>Pixels per row.</summary>
    public int Width { get; }

    /// <summary>Rows of pixels.</summary>
    public int Height { get; }

    /// <summary>R, G, B bytes per pixel, rows top to bottom: the layout a PNG of colour type 2 stores.</summary>
    public byte[] Pixels { get; }

    /// <summary>The colour at column <paramref name="x"/>, row <paramref name="y"/> (from the top); the pixel must lie on the canvas.</summary>
    public Rgb this[int x, int y]
    {
        get
        {
            var i = (y * Width + x) * 3;
            return new Rgb(Pixels[i], Pixels[i + 1], Pixels[i + 2]);
        }
    }

    /// <summary>Colours one pixel; a pixel off the canvas is ignored.</summary>
    public void Set(int x, int y, Rgb colour)
    {
        if (x < 0 || y < 0 || x >= Width || y >= Height) return;
        var i = (y * Width + x) * 3;
        (Pixels[i], Pixels[i + 1], Pixels[i + 2]) = (colour.R, colour.G, colour.B);
    }

    /// <summary>Fills the w × h rectangle whose top-left corner is (x, y).</summary>
    public void FillRect(int x, int y, int w, int h, Rgb colour)
    {
        for (var row = Math.Max(0, y); row < Math.Min(Height, y + h); row++)
            for (var col = Math.Max(0, x); col < Math.Min(Width, x + w); col++) Set(col, row, colour);
    }

    /// <summary>Draws <paramref name="text"/> in <see cref="BitmapFont"/> with its top-left corner at (x, y), each font
    /// pixel a <paramref name="scale"/> × <paramref name="scale"/> square; <see cref="BitmapFont.MeasureText"/> and
    /// <see cref="BitmapFont.LineHeight"/> give the box it covers.</summary>
    public void Text(int x, int y, string text, Rgb colour, int scale)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(scale, 1);
        foreach (var c in text)
        {
            var rows = BitmapFont.Rows(c);
            for (var row = 0; row < rows.Length; row++)
                for (var col = 0; col < BitmapFont.GlyphWidth; col++)
                    if (((rows[row] >> (BitmapFont.GlyphWidth - 1 - col)) & 1) != 0) FillRect(x + col * scale, y + row * scale, scale, scale, colour);
            x += BitmapFont.Advance(scale);
        }
    }

    /// <summary>A one-pixel line from (x0, y0) to (x1, y1), both ends included, by Bresenham's integer algorithm:
    /// step along the longer axis and carry the error term of the shorter one.</summary>
    public void Line(int x0, int y0, int x1, int y1, Rgb colour)
    {
        int dx = Math.Abs(x1 - x0), dy = -Math.Abs(y1 - y0);
        int sx = x0 < x1 ? 1 : -1, sy = y0 < y1 ? 1 : -1;
        var error = dx + dy;
        while (true)
        {
            Set(x0, y0, colour);
            if (x0 == x1 && y0 == y1) return;
            var twice = 2 * error;
            if (twice >= dy) (error, x0) = (error + dy, x0 + sx);
            if (twice <= dx) (error, y0) = (error + dx, y0 + sy);
        }
    }
}
