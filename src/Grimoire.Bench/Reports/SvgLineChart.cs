using System.Globalization;
using System.Text;

namespace Grimoire.Bench.Reports;

/// <summary>A dependency-free SVG line chart (one series per implementation), enough for one plot per
/// report; see docs/dependencies.md for why this is not ScottPlot.</summary>
public static class SvgLineChart
{
    private static readonly string[] Colours = ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f"];
    private const int Width = 720, Height = 420, Left = 60, Right = 190, Top = 30, Bottom = 50;

    public static string Render(string title, string xLabel, string yLabel, IReadOnlyList<(string Name, IReadOnlyList<(double X, double Y)> Points)> series)
    {
        var all = series.SelectMany(s => s.Points).ToList();
        if (all.Count == 0) throw new ArgumentException("a chart needs at least one point", nameof(series));
        double xMin = Math.Log2(all.Min(p => p.X)), xMax = Math.Log2(all.Max(p => p.X)), yMax = all.Max(p => p.Y) * 1.1;
        if (xMax <= xMin) xMax = xMin + 1;
        string X(double x) => Fmt(Left + (Math.Log2(x) - xMin) / (xMax - xMin) * (Width - Left - Right));
        string Y(double y) => Fmt(Height - Bottom - y / yMax * (Height - Top - Bottom));

        var svg = new StringBuilder();
        svg.Append($"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{Width}\" height=\"{Height}\" font-family=\"sans-serif\" font-size=\"12\">\n");
        svg.Append($"<rect width=\"{Width}\" height=\"{Height}\" fill=\"white\"/>\n");
        svg.Append($"<text x=\"{Width / 2}\" y=\"18\" text-anchor=\"middle\" font-size=\"14\">{Markup.Escape(title)}</text>\n");
        svg.Append($"<line x1=\"{Left}\" y1=\"{Height - Bottom}\" x2=\"{Width - Right}\" y2=\"{Height - Bottom}\" stroke=\"black\"/>\n");
        svg.Append($"<line x1=\"{Left}\" y1=\"{Top}\" x2=\"{Left}\" y2=\"{Height - Bottom}\" stroke=\"black\"/>\n");
        foreach (var x in all.Select(p => p.X).Distinct())
            svg.Append($"<text x=\"{X(x)}\" y=\"{Height - Bottom + 16}\" text-anchor=\"middle\">{Fmt(x)}</text>\n");
        for (var i = 0; i <= 4; i++)
        {
            var y = yMax * i / 4;
            svg.Append($"<text x=\"{Left - 6}\" y=\"{Y(y)}\" text-anchor=\"end\">{y:F0}</text>\n");
            svg.Append($"<line x1=\"{Left}\" y1=\"{Y(y)}\" x2=\"{Width - Right}\" y2=\"{Y(y)}\" stroke=\"#ddd\"/>\n");
        }
        svg.Append($"<text x=\"{(Left + Width - Right) / 2}\" y=\"{Height - 10}\" text-anchor=\"middle\">{Markup.Escape(xLabel)}</text>\n");
        svg.Append($"<text x=\"14\" y=\"{Height / 2}\" text-anchor=\"middle\" transform=\"rotate(-90 14 {Height / 2})\">{Markup.Escape(yLabel)}</text>\n");
        for (var s = 0; s < series.Count; s++)
        {
            var colour = Colours[s % Colours.Length];
            var points = string.Join(" ", series[s].Points.OrderBy(p => p.X).Select(p => $"{X(p.X)},{Y(p.Y)}"));
            svg.Append($"<polyline points=\"{points}\" fill=\"none\" stroke=\"{colour}\" stroke-width=\"2\"/>\n");
            svg.Append($"<text x=\"{Width - Right + 10}\" y=\"{Top + 16 * s + 10}\" fill=\"{colour}\">{Markup.Escape(series[s].Name)}</text>\n");
        }
        return svg.Append("</svg>\n").ToString();
    }

    private static string Fmt(double v) => v.ToString("0.#", CultureInfo.InvariantCulture);

}
