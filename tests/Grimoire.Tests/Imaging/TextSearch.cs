using Grimoire.Imaging;

namespace Grimoire.Tests.Imaging;

/// <summary>Where a string drawn in black by <see cref="Canvas.Text"/> appears in an image: every top-left corner at
/// which the image holds the text's whole box exactly (ink and background), so a label that a curve or another label
/// touches is not found.</summary>
internal static class TextSearch
{
    public static List<(int X, int Y)> Find(Canvas image, string text, int scale)
    {
        var stamp = new Canvas(BitmapFont.MeasureText(text, scale), BitmapFont.LineHeight(scale), Rgb.White);
        stamp.Text(0, 0, text, Rgb.Black, scale);
        var found = new List<(int X, int Y)>();
        for (var y = 0; y + stamp.Height <= image.Height; y++)
            for (var x = 0; x + stamp.Width <= image.Width; x++)
                if (Matches(image, stamp, x, y)) found.Add((x, y));
        return found;
    }

    private static bool Matches(Canvas image, Canvas stamp, int x, int y)
    {
        for (var sy = 0; sy < stamp.Height; sy++)
            for (var sx = 0; sx < stamp.Width; sx++)
                if (image[x + sx, y + sy] != stamp[sx, sy]) return false;
        return true;
    }
}
