using Grimoire.Imaging;

namespace Grimoire.Tests.Imaging;

/// <summary>A plot's axes found in its pixels, so tests can say what lies inside the plot area and around it without
/// copying LinePlot's layout: the x axis is the row with the longest horizontal run of black, the y axis the column
/// with the longest vertical run; no text has runs that long. The plot area is right of the y axis, above the x axis.</summary>
internal readonly record struct PlotFrame(int Left, int Right, int Top, int Bottom)
{
    public static PlotFrame Find(Canvas plot)
    {
        var xAxis = Enumerable.Range(0, plot.Height).Select(y => (Y: y, Run: LongestRun(plot.Width, x => plot[x, y] == Rgb.Black))).MaxBy(a => a.Run.Length);
        var yAxis = Enumerable.Range(0, plot.Width).Select(x => (X: x, Run: LongestRun(plot.Height, y => plot[x, y] == Rgb.Black))).MaxBy(a => a.Run.Length);
        // The tick at y = 0 may lengthen the x axis to the left, and one at the first x the y axis downwards.
        Assert.That(xAxis.Run.First, Is.LessThanOrEqualTo(yAxis.X), "the x axis starts at the y axis");
        Assert.That(yAxis.Run.Last, Is.GreaterThanOrEqualTo(xAxis.Y), "the y axis reaches the x axis");
        return new PlotFrame(yAxis.X, xAxis.Run.Last, yAxis.Run.First, xAxis.Y);
    }

    /// <summary>Strictly inside the axes: where only curves may be drawn.</summary>
    public bool Inside(int x, int y) => x > Left && x <= Right && y >= Top && y < Bottom;

    private readonly record struct Run(int First, int Last)
    {
        public int Length => Last - First + 1;
    }

    /// <summary>The longest run of consecutive hits among 0 … n−1.</summary>
    private static Run LongestRun(int n, Func<int, bool> hit)
    {
        var (best, start) = (new Run(0, -1), 0);
        for (var i = 0; i < n; i++)
        {
            if (!hit(i)) start = i + 1;
            else if (i - start + 1 > best.Length) best = new Run(start, i);
        }
        return best;
    }
}
