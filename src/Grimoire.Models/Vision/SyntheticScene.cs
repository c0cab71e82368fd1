using Grimoire.Imaging;

namespace Grimoire.Models.Vision;

/// <summary>A seeded test picture for segmentation: a diagonal colour gradient with filled discs and rectangles of
/// random colours on top, and a little per-pixel noise, so regions have sharp edges, smooth shading and texture.</summary>
public static class SyntheticScene
{
    private const int Discs = 7;
    private const int Rectangles = 5;
    private const int Noise = 6;

    private const int MinSize = 48;

    /// <summary>A new <paramref name="width"/>x<paramref name="height"/> scene; the same <paramref name="seed"/> gives the
    /// same pixels.</summary>
    /// <exception cref="ArgumentOutOfRangeException">a side is below 48 pixels.</exception>
    public static Canvas Generate(int width, int height, int seed)
    {
        if (width < MinSize || height < MinSize) throw new ArgumentOutOfRangeException(nameof(width), $"a scene needs at least {MinSize}x{MinSize} pixels, got {width}x{height}");
        var rng = new Rng((ulong)seed);
        var (from, to) = (RandomColour(rng), RandomColour(rng));
        var canvas = new Canvas(width, height, Rgb.Black);
        for (var y = 0; y < height; y++)
            for (var x = 0; x < width; x++)
                canvas.Set(x, y, Mix(from, to, (x + y) / (double)(width + height - 2)));
        var size = Math.Min(width, height);
        for (var i = 0; i < Rectangles; i++)
        {
            var (w, h) = (size / 8 + rng.NextInt(size / 3), size / 8 + rng.NextInt(size / 3));
            canvas.FillRect(rng.NextInt(width - w), rng.NextInt(height - h), w, h, RandomColour(rng));
        }
        for (var i = 0; i < Discs; i++) Disc(canvas, rng.NextInt(width), rng.NextInt(height), size / 14 + rng.NextInt(size / 6), RandomColour(rng));
        AddNoise(canvas, rng);
        return canvas;
    }

    private static void Disc(Canvas canvas, int cx, int cy, int radius, Rgb colour)
    {
        for (var y = cy - radius; y <= cy + radius; y++)
            for (var x = cx - radius; x <= cx + radius; x++)
                if ((x - cx) * (x - cx) + (y - cy) * (y - cy) <= radius * radius) canvas.Set(x, y, colour);
    }

    private static void AddNoise(Canvas canvas, Rng rng)
    {
        for (var i = 0; i < canvas.Pixels.Length; i++)
            canvas.Pixels[i] = (byte)Math.Clamp(canvas.Pixels[i] + rng.NextInt(2 * Noise + 1) - Noise, 0, 255);
    }

    private static Rgb RandomColour(Rng rng) => new((byte)rng.NextInt(256), (byte)rng.NextInt(256), (byte)rng.NextInt(256));

    private static Rgb Mix(Rgb a, Rgb b, double t) =>
        new((byte)Math.Round(a.R + (b.R - a.R) * t), (byte)Math.Round(a.G + (b.G - a.G) * t), (byte)Math.Round(a.B + (b.B - a.B) * t));
}
