namespace Grimoire.Cli.Imaging;

/// <summary>Curves y[i] against i = 0 … n−1 on one pair of axes, drawn into a <see cref="Canvas"/>. There is no font,
/// so the axes carry ticks only and the legend is one filled swatch per curve, in the order of the series; the
/// caller prints the numbers as text. The y axis runs from 0 to the largest finite value of any curve; a
/// non-finite point (a diverged loss) is drawn at the top edge.</summary>
internal static class LinePlot
{
    public sealed record Series(Rgb Colour, IReadOnlyList<double> Values);

    private const int Margin = 40;
    private const int Ticks = 5;
    private const int TickLength = 5;
    private const int Swatch = 14;

    public static Canvas Draw(IReadOnlyList<Series> series, int width, int height)
    {
        if (series.Count == 0 || series.Any(s => s.Values.Count == 0)) throw new ArgumentException("a line plot needs at least one non-empty series");
        if (width <= 2 * Margin || height <= 2 * Margin) throw new ArgumentOutOfRangeException(nameof(width), $"a line plot needs more than {2 * Margin} pixels each way, got {width}x{height}");
        var canvas = new Canvas(width, height, Rgb.White);
        var (left, right, top, bottom) = (Margin, width - Margin, Margin, height - Margin);
        var points = series.Max(s => s.Values.Count);
        var finite = series.SelectMany(s => s.Values).Where(double.IsFinite).DefaultIfEmpty(1).Max();
        var yMax = finite > 0 ? finite : 1;
        int X(int i) => left + (int)Math.Round((double)i * (right - left) / Math.Max(1, points - 1));
        int Y(double v) => double.IsFinite(v) ? bottom - (int)Math.Round(Math.Clamp(v / yMax, 0, 1) * (bottom - top)) : top;

        DrawAxes(canvas, left, right, top, bottom);
        foreach (var s in series)
        {
            for (var i = 1; i < s.Values.Count; i++) canvas.Line(X(i - 1), Y(s.Values[i - 1]), X(i), Y(s.Values[i]), s.Colour);
            if (s.Values.Count == 1) canvas.FillRect(X(0) - 1, Y(s.Values[0]) - 1, 3, 3, s.Colour);
        }
        for (var k = 0; k < series.Count; k++)
            canvas.FillRect(right - Swatch, top + k * (Swatch + 4), Swatch, Swatch, series[k].Colour);
        return canvas;
    }

    /// <summary>The x axis along the bottom and the y axis along the left, each with evenly spaced outward ticks.</summary>
    private static void DrawAxes(Canvas canvas, int left, int right, int top, int bottom)
    {
        canvas.Line(left, bottom, right, bottom, Rgb.Black);
        canvas.Line(left, bottom, left, top, Rgb.Black);
        for (var t = 0; t <= Ticks; t++)
        {
            var x = left + t * (right - left) / Ticks;
            var y = bottom - t * (bottom - top) / Ticks;
            canvas.Line(x, bottom, x, bottom + TickLength, Rgb.Black);
            canvas.Line(left - TickLength, y, left, y, Rgb.Black);
        }
    }
}
