using Grimoire.Imaging;

namespace Grimoire.Tests.Imaging;

/// <summary>The bitmap font and <see cref="Canvas.Text"/>: the table covers printable ASCII with distinct glyphs,
/// text lands exactly in the box <see cref="BitmapFont.MeasureText"/> and <see cref="BitmapFont.LineHeight"/>
/// describe, scaling multiplies every font pixel, and characters outside the table draw a visible box.</summary>
public sealed class BitmapFontTests
{
    private static readonly Rgb Ink = new(200, 0, 0);

    /// <summary>The glyph drawn at scale 1 with its top-left at (x, y), read back as rows with bit 4 the leftmost
    /// column (the table's convention, checked here against pixels rather than assumed).</summary>
    private static byte[] InkRows(Canvas canvas, int x, int y) =>
        Enumerable.Range(0, BitmapFont.CellHeight)
            .Select(r => (byte)Enumerable.Range(0, BitmapFont.GlyphWidth).Sum(c => canvas[x + c, y + r] == Ink ? 1 << (BitmapFont.GlyphWidth - 1 - c) : 0))
            .ToArray();

    private static byte[] Padded(ReadOnlySpan<byte> rows)
    {
        var cell = new byte[BitmapFont.CellHeight];
        rows.CopyTo(cell);
        return cell;
    }

    private static Canvas Drawn(string text, int scale, int x = 3, int y = 2)
    {
        var canvas = new Canvas(BitmapFont.MeasureText(text, scale) + 2 * x, BitmapFont.LineHeight(scale) + 2 * y, Rgb.White);
        canvas.Text(x, y, text, Ink, scale);
        return canvas;
    }

    private static List<(int X, int Y)> Inked(Canvas c) =>
        [.. Enumerable.Range(0, c.Width * c.Height).Select(i => (X: i % c.Width, Y: i / c.Width)).Where(p => c[p.X, p.Y] == Ink)];

    [Test]
    public void TableCoversPrintableAsciiWithDistinctGlyphsThatFitTheCell()
    {
        Assert.That(BitmapFont.Characters.Order(), Is.EqualTo(Enumerable.Range(' ', '~' - ' ' + 1).Select(i => (char)i)));
        var shapes = BitmapFont.Characters.ToDictionary(c => c, c => Convert.ToHexString(Padded(BitmapFont.Rows(c))));
        var blank = Convert.ToHexString(new byte[BitmapFont.CellHeight]);
        Assert.That(shapes[' '], Is.EqualTo(blank));
        Assert.That(shapes.Where(s => s.Key != ' ' && s.Value == blank).Select(s => s.Key), Is.Empty, "glyphs without ink");
        var shared = shapes.GroupBy(s => s.Value).Where(g => g.Count() > 1).Select(g => string.Concat(g.Select(s => s.Key)));
        Assert.That(shared, Is.Empty, "characters drawn alike");
        Assert.That(shapes.Values, Has.None.EqualTo(Convert.ToHexString(Padded(BitmapFont.Placeholder))), "a glyph that looks like the placeholder");
        foreach (var c in BitmapFont.Characters)
        {
            var rows = BitmapFont.Rows(c).ToArray();
            Assert.That(rows, Has.Length.AtMost(BitmapFont.CellHeight).And.All.LessThan(1 << BitmapFont.GlyphWidth), $"'{c}' fits the cell");
            if (char.IsAsciiLetterUpper(c) || char.IsAsciiDigit(c)) Assert.That(rows.Skip(BitmapFont.CapHeight), Is.All.Zero, $"'{c}' stays above the baseline");
        }
    }

    [Test]
    public void EveryGlyphIsDrawnAsItsRowsLeftColumnFirst()
    {
        foreach (var c in BitmapFont.Characters)
        {
            var canvas = Drawn(c.ToString(), 1);
            Assert.That(InkRows(canvas, 3, 2), Is.EqualTo(Padded(BitmapFont.Rows(c))), $"'{c}'");
            Assert.That(Inked(canvas), Has.Count.EqualTo(BitmapFont.Rows(c).ToArray().Sum(r => int.PopCount(r))), $"'{c}' draws nothing outside its cell");
        }
    }

    [TestCase('F', "#####|#....|#....|####.|#....|#....|#....|.....|.....")]
    [TestCase('g', ".....|.....|.####|#...#|#...#|#...#|.####|....#|.###.")]
    public void GlyphsLookLikeTheirLetters(char c, string picture)
    {
        var canvas = Drawn(c.ToString(), 1, 0, 0);
        var drawn = string.Join("|", Enumerable.Range(0, BitmapFont.CellHeight)
            .Select(y => string.Concat(Enumerable.Range(0, BitmapFont.GlyphWidth).Select(x => canvas[x, y] == Ink ? '#' : '.'))));
        Assert.That(drawn, Is.EqualTo(picture));
    }

    [TestCase(1)]
    [TestCase(2)]
    [TestCase(3)]
    public void TextFillsExactlyItsMeasuredBox(int scale)
    {
        // H touches the cell's top and left, M its right, g its bottom (a descender): the ink's bounding box is the whole box.
        const string text = "Hg 0.5e-3 (lr=3%)/M";
        var (x, y) = (4, 3);
        var inked = Inked(Drawn(text, scale, x, y));
        Assert.That((inked.Min(p => p.X), inked.Max(p => p.X) + 1), Is.EqualTo((x, x + BitmapFont.MeasureText(text, scale))));
        Assert.That((inked.Min(p => p.Y), inked.Max(p => p.Y) + 1), Is.EqualTo((y, y + BitmapFont.LineHeight(scale))));
        Assert.That(inked, Has.Count.EqualTo(scale * scale * Inked(Drawn(text, 1)).Count), "each font pixel becomes a scale x scale square");
    }

    [Test]
    public void MeasureTextCountsGlyphsAndTheSpacesBetweenThem()
    {
        Assert.That(BitmapFont.MeasureText("", 2), Is.Zero);
        Assert.That(BitmapFont.MeasureText("a", 2), Is.EqualTo(2 * BitmapFont.GlyphWidth));
        Assert.That(BitmapFont.MeasureText("abc", 3), Is.EqualTo(3 * (3 * BitmapFont.GlyphWidth + 2)));
    }

    [TestCase("é")]
    [TestCase("\t")]
    [TestCase("€")]
    [TestCase("\u2603")]
    public void UnknownCharactersDrawThePlaceholderBoxInTheirCell(string unknown)
    {
        var canvas = Drawn("a" + unknown + "b", 1, 0, 0);
        Assert.That(InkRows(canvas, BitmapFont.Advance(1), 0), Is.EqualTo(Padded(BitmapFont.Placeholder)));
        Assert.That(InkRows(canvas, 2 * BitmapFont.Advance(1), 0), Is.EqualTo(Padded(BitmapFont.Rows('b'))), "the next glyph keeps its place");
        Assert.That(BitmapFont.Placeholder.ToArray(), Has.Some.Not.Zero);
    }

    [Test]
    public void ScaleBelowOneIsRejected() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new Canvas(10, 10, Rgb.White).Text(0, 0, "a", Ink, 0));
}
