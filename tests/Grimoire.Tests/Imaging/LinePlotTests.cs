using Grimoire.Imaging;

namespace Grimoire.Tests.Imaging;

/// <summary>The line plot: each series in its colour, and every label (title, axis names, tick numbers, legend)
/// legible, untouched by curves or other text, and outside the plot area.</summary>
public sealed class LinePlotTests
{
    private static readonly (Rgb Blue, Rgb Green) Colours = (new Rgb(0, 0, 255), new Rgb(0, 160, 0));

    /// <summary>Blue climbs into the top-right corner, where a legend drawn inside the axes would sit; green has a
    /// non-finite point, drawn at the top edge.</summary>
    private static Canvas Plot() => LinePlot.Draw(
        new LinePlot.Captions("Loss (test)", "epoch", "loss", FirstX: 1),
        [new LinePlot.Series("lr 0.5", Colours.Blue, [0.5, 1, 2, 3, 4, 4.5]), new LinePlot.Series("lr 2", Colours.Green, [4.0, double.NaN, 1, 0.5, 0.25, 0.2])],
        360, 240);

    private static IEnumerable<(int X, int Y)> Pixels(Canvas c, Rgb colour) =>
        Enumerable.Range(0, c.Width * c.Height).Select(i => (X: i % c.Width, Y: i / c.Width)).Where(p => c[p.X, p.Y] == colour);

    private static (int X, int Y) Single(Canvas plot, string text)
    {
        var found = TextSearch.Find(plot, text, LinePlot.TextScale);
        Assert.That(found, Has.Count.EqualTo(1), $"'{text}' appears once, untouched");
        return found[0];
    }

    [Test]
    public void EachSeriesIsDrawnInItsColourInsideTheAxesOnly()
    {
        var plot = Plot();
        var frame = PlotFrame.Find(plot);
        foreach (var colour in new[] { Colours.Blue, Colours.Green })
        {
            var (inside, outside) = (Pixels(plot, colour).Where(p => frame.Inside(p.X, p.Y)).ToList(), Pixels(plot, colour).Where(p => !frame.Inside(p.X, p.Y)).ToList());
            Assert.That(inside, Is.Not.Empty, $"{colour} curve");
            Assert.That(outside, Is.Not.Empty.And.All.Matches<(int X, int Y)>(p => p.X > frame.Right), $"{colour} outside the axes only as a legend swatch");
        }
        Assert.That(Pixels(plot, Colours.Green), Has.Some.Matches<(int X, int Y)>(p => p.Y == frame.Top && frame.Inside(p.X, p.Y)), "NaN drawn at the top edge");
        Assert.That(Pixels(plot, Rgb.Black).Where(p => frame.Inside(p.X, p.Y)), Is.Empty, "no text or tick inside the axes");
    }

    [Test]
    public void LabelsSitAroundThePlotAreaEachLegibleOnce()
    {
        var plot = Plot();
        var frame = PlotFrame.Find(plot);
        var title = Single(plot, "Loss (test)");
        Assert.That(title.Y + BitmapFont.LineHeight(LinePlot.TextScale), Is.LessThan(frame.Top), "title above the plot");
        Assert.That(title.X + BitmapFont.MeasureText("Loss (test)", LinePlot.TextScale) / 2, Is.EqualTo(plot.Width / 2).Within(1), "title centred");
        Assert.That(Single(plot, "loss").Y, Is.LessThan(frame.Top), "y-axis name above the y axis");
        Assert.That(Single(plot, "epoch").Y, Is.GreaterThan(frame.Bottom), "x-axis name below the x axis");

        var legend = new[] { Single(plot, "lr 0.5"), Single(plot, "lr 2") };
        Assert.That(legend, Has.All.Matches<(int X, int Y)>(p => p.X > frame.Right), "legend right of the plot area");
        Assert.That(legend[0].Y, Is.LessThan(legend[1].Y), "legend rows in series order");

        // y from 0 to 4.5 in steps of 1; x is epochs 1-6 in steps of 1.
        foreach (var y in new[] { "0", "1", "2", "3", "4" })
            Assert.That(TextSearch.Find(plot, y, LinePlot.TextScale), Has.Exactly(1).Matches<(int X, int Y)>(p => p.X < frame.Left && p.Y < frame.Bottom), $"y tick {y}");
        foreach (var x in new[] { "1", "2", "3", "4", "5", "6" })
            Assert.That(TextSearch.Find(plot, x, LinePlot.TextScale), Has.Exactly(1).Matches<(int X, int Y)>(p => p.Y > frame.Bottom && p.X >= frame.Left - BitmapFont.MeasureText(x, LinePlot.TextScale)), $"x tick {x}");
    }

    [Test]
    public void ALonePointSitsMidAxisWhereTheYAxisCannotHideIt()
    {
        var plot = LinePlot.Draw(new LinePlot.Captions("one epoch", "epoch", "loss", FirstX: 1), [new LinePlot.Series("a", Colours.Blue, [2.0])], 360, 240);
        var frame = PlotFrame.Find(plot);
        var dot = Pixels(plot, Colours.Blue).Where(p => frame.Inside(p.X, p.Y)).ToList();
        Assert.That(dot, Is.Not.Empty);
        Assert.That(dot.Average(p => p.X), Is.EqualTo((frame.Left + frame.Right) / 2.0).Within(2));
    }

    [Test]
    public void BadInputIsRejected()
    {
        var captions = new LinePlot.Captions("t", "x", "y");
        Assert.Throws<ArgumentException>(() => LinePlot.Draw(captions, [], 360, 240));
        Assert.Throws<ArgumentException>(() => LinePlot.Draw(captions, [new LinePlot.Series("empty", Colours.Blue, [])], 360, 240));
        Assert.Throws<ArgumentOutOfRangeException>(() => LinePlot.Draw(captions, [new LinePlot.Series("a", Colours.Blue, [1.0])], 120, 240), "too narrow for labels and legend");
    }
}
