using System.Globalization;
using Grimoire.Imaging;
using Grimoire.Tests.Imaging;

namespace Grimoire.Tests.Cli;

/// <summary>`grimoire demo learning-rates` and `grimoire demo superpixels`: the printed figures, the PNG they write,
/// and one-line errors for bad options.</summary>
public sealed class ImageDemoCommandTests
{
    private string _dir = "";

    [SetUp]
    public void CreateDirectory() => _dir = Directory.CreateTempSubdirectory("grimoire-demo-").FullName;

    [TearDown]
    public void DeleteDirectory() => Directory.Delete(_dir, recursive: true);

    [Test]
    public void LearningRatesTablesThreeCurvesAndPlotsThem()
    {
        var png = Path.Combine(_dir, "lr.png");
        var run = CliRun.Of("demo", "learning-rates", "--epochs", "6", "--out", png);
        Assert.That(run.ExitCode, Is.Zero, run.Err);
        var header = run.OutLines.Single(l => l.StartsWith("epoch", StringComparison.Ordinal));
        Assert.That(header, Does.Contain("too small").And.Contain("good").And.Contain("too large"));
        var rows = run.OutLines.Where(l => char.IsDigit(l[0])).Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries)).ToList();
        Assert.That(rows.Select(r => r[0]), Is.EqualTo(new[] { "1", "2", "3", "4", "5", "6" }), "every epoch when there are at most ten");
        var last = rows[^1].Skip(1).Select(v => v == "diverged" ? double.PositiveInfinity : double.Parse(v, CultureInfo.InvariantCulture)).ToArray();
        Assert.That(last[2], Is.GreaterThan(last[1]), "the too-large rate ends above the good one");
        Assert.That(last[0], Is.GreaterThan(last[1]), "the too-small rate ends above the good one");

        var file = PngFile.Read(png);
        Assert.That((file.Width, file.Height), Is.EqualTo((640, 400)));
        var plot = file.ToCanvas();
        var frame = PlotFrame.Find(plot);
        var dark = Enumerable.Range(0, 640 * 400).Select(i => (X: i % 640, Y: i / 640)).Where(p => plot[p.X, p.Y] == Rgb.Black).ToList();
        Assert.That(dark, Has.Some.Matches<(int X, int Y)>(p => p.Y < frame.Top && p.X is > 200 and < 440), "a title above the plot, centred");
        foreach (var (label, colour) in new[] { ("lr 0.002", new Rgb(40, 90, 220)), ("lr 0.2", new Rgb(30, 160, 60)), ("lr 3", new Rgb(220, 40, 40)) })
        {
            var at = TextSearch.Find(plot, label, LinePlot.TextScale);
            Assert.That(at, Has.Count.EqualTo(1).And.All.Matches<(int X, int Y)>(p => p.X > frame.Right), $"legend label '{label}' right of the plot");
            Assert.That(plot[at[0].X - 2 * BitmapFont.GlyphWidth, at[0].Y + 1], Is.EqualTo(colour), $"the swatch left of '{label}'");
        }
        Assert.That(TextSearch.Find(plot, "epoch", LinePlot.TextScale), Has.Count.EqualTo(1), "x-axis name");
        Assert.That(TextSearch.Find(plot, "loss", LinePlot.TextScale), Has.Exactly(1).Matches<(int X, int Y)>(p => p.X < frame.Left && p.Y < frame.Top), "y-axis name (the title says loss too)");
    }

    [Test]
    public void SuperpixelsReportsCountAndVarianceAndWritesTheOverlay()
    {
        var png = Path.Combine(_dir, "sp.png");
        var run = CliRun.Of("demo", "superpixels", "--k", "80", "--out", png);
        Assert.That(run.ExitCode, Is.Zero, run.Err);
        var count = int.Parse(run.OutLines.Single(l => l.StartsWith("superpixels:", StringComparison.Ordinal)).Split(' ')[^1], CultureInfo.InvariantCulture);
        Assert.That(count, Is.InRange(40, 120));
        var ratio = double.Parse(run.OutLines.Single(l => l.StartsWith("colour variance", StringComparison.Ordinal)).Split(' ')[^1], CultureInfo.InvariantCulture);
        Assert.That(ratio, Is.LessThan(0.1));

        var file = PngFile.Read(png);
        Assert.That((file.Width, file.Height), Is.EqualTo((240, 160)));
        var yellow = Enumerable.Range(0, 240 * 160).Count(i => file.Pixels[3 * i] == 255 && file.Pixels[3 * i + 1] == 255 && file.Pixels[3 * i + 2] == 0);
        Assert.That(yellow, Is.GreaterThan(240 * 160 / 20), "boundaries are drawn");
    }

    [TestCase("learning-rates", "--epochs", "0", "--epochs")]
    [TestCase("learning-rates", "--seed", "-1", "--seed")]
    [TestCase("learning-rates", "--out", "/nonexistent-dir/x.png", "--out")]
    [TestCase("superpixels", "--k", "0", "--k")]
    [TestCase("superpixels", "--k", "100000", "--k")]
    [TestCase("superpixels", "--compactness", "-1", "--compactness")]
    [TestCase("superpixels", "--compactness", "NaN", "--compactness")]
    [TestCase("superpixels", "--out", "/nonexistent-dir/x.png", "--out")]
    public void BadOptionsGiveOneLineErrors(string demo, string option, string value, string named)
    {
        var run = CliRun.Of("demo", demo, option, value);
        Assert.That(run.ExitCode, Is.Not.Zero);
        Assert.That(run.Err.TrimEnd().Split('\n'), Has.Length.EqualTo(1));
        Assert.That(run.Err, Does.StartWith("error: ").And.Contain(named));
        Assert.That(run.Out, Is.Empty, "nothing is run");
    }
}
