namespace Grimoire.Models.Vision.Segmentation;

/// <summary>Procedural scenes for semantic segmentation (book §18): a textured "stuff" background with 1–3 "things"
/// (filled circles, squares, triangles) painted over it, later things occluding earlier ones, and the per-pixel class
/// recorded as each is painted, so the labels are exact by construction. Backgrounds are dull (grey with a faint
/// tint), things saturated with a hue per kind plus jitter, and every pixel gets Gaussian noise: colour gets a network
/// most of the way, shape and context decide the edges. Everything is drawn from one seeded <see cref="Rng"/>, so a
/// seed fixes the scenes.</summary>
public static class SceneGenerator
{
    private const double Noise = 0.06;
    private const double ColourJitter = 0.15;

    /// <summary>Base colour of each thing kind (indexed by class − 1): reddish circles, greenish squares, bluish triangles.</summary>
    private static readonly double[][] ThingColours = [[0.85, 0.25, 0.2], [0.25, 0.8, 0.3], [0.25, 0.35, 0.9]];

    /// <summary><paramref name="count"/> scenes of <paramref name="size"/>x<paramref name="size"/> pixels drawn from
    /// <paramref name="rng"/> (which advances).</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="count"/> &lt; 1 or <paramref name="size"/> &lt; 12.</exception>
    public static Scenes Generate(int count, int size, Rng rng)
    {
        if (count < 1) throw new ArgumentOutOfRangeException(nameof(count), count, "need at least one scene");
        if (size < 12) throw new ArgumentOutOfRangeException(nameof(size), size, "scenes need at least 12x12 pixels to hold a thing");
        var plane = size * size;
        var pixels = new float[count * 3 * plane];
        var labels = new int[count * plane];
        var rgb = new double[3 * plane];
        for (var s = 0; s < count; s++)
        {
            var label = labels.AsSpan(s * plane, plane);
            PaintBackground(rgb, size, rng);
            var things = 1 + rng.NextInt(3);
            for (var t = 0; t < things; t++) PaintThing(rgb, label, size, rng);
            for (var i = 0; i < rgb.Length; i++) pixels[s * 3 * plane + i] = (float)Math.Clamp(rgb[i] + Noise * rng.NextNormal(), 0, 1);
        }
        return new Scenes(count, size, pixels, labels);
    }

    /// <summary>Whether the pixel centre (x + ½, y + ½) lies inside a thing of <paramref name="kind"/> centred at
    /// (cx, cy) with half-extent r: a disc, an axis-aligned square, or an upward isosceles triangle.</summary>
    public static bool Inside(int kind, double cx, double cy, double r, int x, int y)
    {
        var (dx, dy) = (x + 0.5 - cx, y + 0.5 - cy);
        return kind switch
        {
            Scenes.Circle => dx * dx + dy * dy <= r * r,
            Scenes.Square => Math.Abs(dx) <= r && Math.Abs(dy) <= r,
            Scenes.Triangle => dy >= -r && dy <= r && Math.Abs(dx) <= (dy + r) / 2,
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "not a thing class"),
        };
    }

    /// <summary>One of four textures: a linear gradient, stripes, a checkerboard, or smooth waves, between two dull colours.</summary>
    private static void PaintBackground(double[] rgb, int size, Rng rng)
    {
        var (a, b) = (DullColour(rng), DullColour(rng));
        var texture = rng.NextInt(4);
        var angle = rng.NextDouble() * Math.PI;
        var (ux, uy) = (Math.Cos(angle), Math.Sin(angle));
        var period = 4 + rng.NextInt(6);
        var plane = size * size;
        for (var y = 0; y < size; y++)
        {
            for (var x = 0; x < size; x++)
            {
                var along = (x * ux + y * uy) / size;
                var mix = texture switch
                {
                    0 => Math.Clamp(along, 0, 1),
                    1 => (int)Math.Floor(along * size / period) % 2 == 0 ? 0.0 : 1.0,
                    2 => (x / period + y / period) % 2,
                    _ => 0.5 + 0.25 * (Math.Sin(2 * Math.PI * x / period) + Math.Sin(2 * Math.PI * y * uy / period + angle)),
                };
                for (var c = 0; c < 3; c++) rgb[c * plane + y * size + x] = a[c] + (b[c] - a[c]) * mix;
            }
        }
    }

    private static void PaintThing(double[] rgb, Span<int> label, int size, Rng rng)
    {
        var kind = 1 + rng.NextInt(Scenes.Classes - 1);
        var r = size * (0.1 + 0.12 * rng.NextDouble());
        var cx = r + rng.NextDouble() * (size - 2 * r);
        var cy = r + rng.NextDouble() * (size - 2 * r);
        var colour = new double[3];
        for (var c = 0; c < 3; c++) colour[c] = Math.Clamp(ThingColours[kind - 1][c] + ColourJitter * (2 * rng.NextDouble() - 1), 0, 1);
        var plane = size * size;
        for (var y = 0; y < size; y++)
        {
            for (var x = 0; x < size; x++)
            {
                if (!Inside(kind, cx, cy, r, x, y)) continue;
                label[y * size + x] = kind;
                for (var c = 0; c < 3; c++) rgb[c * plane + y * size + x] = colour[c];
            }
        }
    }

    /// <summary>A grey in [0.2, 0.8] with each channel tinted by at most ±0.08, far from the things' saturated hues.</summary>
    private static double[] DullColour(Rng rng)
    {
        var grey = 0.2 + 0.6 * rng.NextDouble();
        return [.. Enumerable.Range(0, 3).Select(_ => grey + 0.08 * (2 * rng.NextDouble() - 1))];
    }
}
