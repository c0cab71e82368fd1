namespace Grimoire.Imaging;

/// <summary>Curves y[i] against x = firstX + i on one pair of axes, drawn into a <see cref="Canvas"/> with
/// <see cref="BitmapFont"/> text: a title on top, the y-axis name above the y axis, numbered round ticks on both
/// axes, the x-axis name under the x axis, and a legend (a swatch and the label of each series, in order) to the
/// right of the plot area, so no text covers a curve. The margins grow with the widest tick and legend labels. The y
/// axis runs from 0 to the largest finite value of any curve; a non-finite point (a diverged loss) is drawn at the
/// top edge.</summary>
public static class LinePlot
{
    /// <summary>One curve: its legend label, its colour and its y values, one per x step.</summary>
    /// <param name="Label">The legend text.</param>
    /// <param name="Colour">Line and swatch colour.</param>
    /// <param name="Values">y values; NaN or ±∞ are drawn at the top edge.</param>
    public sealed record Series(string Label, Rgb Colour, IReadOnlyList<double> Values);

    /// <summary>The plot's words, and the x of every series' first value (epochs count from 1).</summary>
    public sealed record Captions(string Title, string XAxis, string YAxis, int FirstX = 0);

    /// <summary>Font pixels per glyph pixel for all text: 10x14 capitals, legible at a glance on a 640x400 plot.</summary>
    public const int TextScale = 2;

    private const int Gap = 8;
    private const int TickLength = 5;
    private const int TickIntervals = 6;
    private const int MinPlotSide = 40;

    private static readonly int LineHeight = BitmapFont.LineHeight(TextScale);
    private static readonly int CapHeight = BitmapFont.CapHeight * TextScale;

    /// <summary>The plot area's edges in canvas pixels and the data-to-pixel mapping inside them.</summary>
    private sealed record Frame(int Left, int Right, int Top, int Bottom, int Points, double YMax)
    {
        /// <summary>A lone point sits mid-axis rather than on the y axis, which is drawn over it.</summary>
        public int X(double i) => Points == 1 ? (Left + Right) / 2 : Left + (int)Math.Round(i * (Right - Left) / (Points - 1));

        public int Y(double v) => double.IsFinite(v) ? Bottom - (int)Math.Round(Math.Clamp(v / YMax, 0, 1) * (Bottom - Top)) : Top;
    }

    /// <summary>A <paramref name="width"/> × <paramref name="height"/> canvas with the curves of <paramref name="series"/>, in order
    /// (later ones on top), under <paramref name="captions"/>.</summary>
    /// <exception cref="ArgumentException">no series, or an empty one.</exception>
    /// <exception cref="ArgumentOutOfRangeException">a canvas too small to leave 40 pixels each way for the curves once the
    /// labels fit.</exception>
    public static Canvas Draw(Captions captions, IReadOnlyList<Series> series, int width, int height)
    {
        if (series.Count == 0 || series.Any(s => s.Values.Count == 0)) throw new ArgumentException("a line plot needs at least one non-empty series");
        var points = series.Max(s => s.Values.Count);
        var finite = series.SelectMany(s => s.Values).Where(double.IsFinite).DefaultIfEmpty(1).Max();
        var yMax = finite > 0 ? finite : 1;
        var yTicks = AxisTicks.Positions(0, yMax, TickIntervals);
        var xTicks = AxisTicks.Positions(captions.FirstX, captions.FirstX + points - 1, TickIntervals, minStep: 1);

        // Title and y-axis name stacked above the plot; x tick labels and x-axis name below; y tick labels to the left.
        var frame = new Frame(
            Left: Gap + yTicks.Max(t => Width(AxisTicks.Format(t))) + Gap / 2 + TickLength,
            Right: width - LegendWidth(series),
            Top: 3 * Gap + 2 * LineHeight,
            Bottom: height - (TickLength + Gap + 2 * LineHeight + Gap),
            points, yMax);
        if (frame.Right - frame.Left < MinPlotSide || frame.Bottom - frame.Top < MinPlotSide)
            throw new ArgumentOutOfRangeException(nameof(width), $"a {width}x{height} canvas leaves less than {MinPlotSide} pixels each way for the curves once the labels fit");

        var canvas = new Canvas(width, height, Rgb.White);
        foreach (var s in series)
        {
            for (var i = 1; i < s.Values.Count; i++) canvas.Line(frame.X(i - 1), frame.Y(s.Values[i - 1]), frame.X(i), frame.Y(s.Values[i]), s.Colour);
            if (s.Values.Count == 1) canvas.FillRect(frame.X(0) - 1, frame.Y(s.Values[0]) - 1, 3, 3, s.Colour);
        }
        // Axes after the curves, so a curve starting on the y axis or lying on 0 does not break them.
        DrawAxes(canvas, frame, captions, xTicks, yTicks);
        DrawLegend(canvas, series, frame.Right + 2 * Gap, frame.Top);
        canvas.Text((width - Width(captions.Title)) / 2, Gap, captions.Title, Rgb.Black, TextScale);
        return canvas;
    }

    /// <summary>Both axes with outward ticks and their numbers, the y-axis name above the y axis and the x-axis name
    /// centred under the x tick labels.</summary>
    private static void DrawAxes(Canvas canvas, Frame frame, Captions captions, IReadOnlyList<double> xTicks, IReadOnlyList<double> yTicks)
    {
        canvas.Line(frame.Left, frame.Bottom, frame.Right, frame.Bottom, Rgb.Black);
        canvas.Line(frame.Left, frame.Bottom, frame.Left, frame.Top, Rgb.Black);
        foreach (var t in xTicks)
        {
            var (x, label) = (frame.X(t - captions.FirstX), AxisTicks.Format(t));
            canvas.Line(x, frame.Bottom, x, frame.Bottom + TickLength, Rgb.Black);
            canvas.Text(x - Width(label) / 2, frame.Bottom + TickLength + Gap / 2, label, Rgb.Black, TextScale);
        }
        foreach (var t in yTicks)
        {
            var (y, label) = (frame.Y(t), AxisTicks.Format(t));
            canvas.Line(frame.Left - TickLength, y, frame.Left, y, Rgb.Black);
            canvas.Text(frame.Left - TickLength - Gap / 2 - Width(label), y - CapHeight / 2, label, Rgb.Black, TextScale);
        }
        canvas.Text(Gap, frame.Top - Gap - LineHeight, captions.YAxis, Rgb.Black, TextScale);
        canvas.Text((frame.Left + frame.Right - Width(captions.XAxis)) / 2, canvas.Height - Gap - LineHeight, captions.XAxis, Rgb.Black, TextScale);
    }

    /// <summary>One row per series from (x, y) down: a swatch as tall as a capital, then the label beside it.</summary>
    private static void DrawLegend(Canvas canvas, IReadOnlyList<Series> series, int x, int y)
    {
        foreach (var s in series)
        {
            canvas.FillRect(x, y, CapHeight, CapHeight, s.Colour);
            canvas.Text(x + CapHeight + Gap, y, s.Label, Rgb.Black, TextScale);
            y += LineHeight + Gap;
        }
    }

    /// <summary>The strip right of the plot area that <see cref="DrawLegend"/> fills, with a gap on either side.</summary>
    private static int LegendWidth(IReadOnlyList<Series> series) => 2 * Gap + CapHeight + Gap + series.Max(s => Width(s.Label)) + Gap;

    private static int Width(string text) => BitmapFont.MeasureText(text, TextScale);
}
