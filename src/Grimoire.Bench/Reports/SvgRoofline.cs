using System.Globalization;
using System.Text;

namespace Grimoire.Bench.Reports;

/// <summary>A dependency-free roofline plot (log-log): attained GFLOP/s against arithmetic intensity (flops per byte of
/// compulsory traffic), under the device's two ceilings, memory bandwidth × intensity and the float32 peak. Each point
/// carries a &lt;title&gt;, which browsers show on hover without any script.</summary>
public static class SvgRoofline
{
    /// <param name="Label">What the point is (shown on hover).</param>
    /// <param name="Group">Legend entry; points of a group share a colour.</param>
    public sealed record Point(string Label, string Group, double Intensity, double Gflops);

    private static readonly string[] Colours = ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f"];
    private const int Width = 720, Height = 440, Left = 70, Right = 200, Top = 30, Bottom = 50;

    /// <param name="peakGflops">The compute ceiling, or null where unknown (then no roof is drawn).</param>
    /// <param name="bandwidthGBs">The memory ceiling in GB/s, or null where unknown.</param>
    /// <exception cref="ArgumentException">no point, or a point with a non-positive intensity or rate.</exception>
    public static string Render(string title, double? peakGflops, double? bandwidthGBs, IReadOnlyList<Point> points)
    {
        if (points.Count == 0) throw new ArgumentException("a roofline needs at least one point", nameof(points));
        if (points.Any(p => !(p.Intensity > 0) || !(p.Gflops > 0))) throw new ArgumentException("roofline points need positive intensities and rates", nameof(points));
        var ys = points.Select(p => p.Gflops).Concat(peakGflops is { } pk ? [pk] : []).ToList();
        double xMin = Decade(points.Min(p => p.Intensity), down: true), xMax = Decade(points.Max(p => p.Intensity), down: false);
        double yMin = Decade(ys.Min(), down: true), yMax = Decade(ys.Max() * 1.5, down: false);
        double X(double x) => Left + (Math.Log10(x) - Math.Log10(xMin)) / (Math.Log10(xMax) - Math.Log10(xMin)) * (Width - Left - Right);
        double Y(double y) => Height - Bottom - (Math.Log10(y) - Math.Log10(yMin)) / (Math.Log10(yMax) - Math.Log10(yMin)) * (Height - Top - Bottom);

        var svg = new StringBuilder();
        svg.Append($"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{Width}\" height=\"{Height}\" viewBox=\"0 0 {Width} {Height}\" font-family=\"sans-serif\" font-size=\"12\" role=\"img\">\n");
        svg.Append($"<title>{Markup.Escape(title)}</title>\n<rect width=\"{Width}\" height=\"{Height}\" fill=\"white\"/>\n");
        svg.Append($"<text x=\"{(Left + Width - Right) / 2}\" y=\"18\" text-anchor=\"middle\" font-size=\"14\">{Markup.Escape(title)}</text>\n");
        for (var d = xMin; d <= xMax * 1.0001; d *= 10)
            svg.Append($"<line x1=\"{F(X(d))}\" y1=\"{Top}\" x2=\"{F(X(d))}\" y2=\"{Height - Bottom}\" stroke=\"#ddd\"/><text x=\"{F(X(d))}\" y=\"{Height - Bottom + 16}\" text-anchor=\"middle\">{G(d)}</text>\n");
        for (var d = yMin; d <= yMax * 1.0001; d *= 10)
            svg.Append($"<line x1=\"{Left}\" y1=\"{F(Y(d))}\" x2=\"{Width - Right}\" y2=\"{F(Y(d))}\" stroke=\"#ddd\"/><text x=\"{Left - 6}\" y=\"{F(Y(d) + 4)}\" text-anchor=\"end\">{G(d)}</text>\n");
        svg.Append($"<rect x=\"{Left}\" y=\"{Top}\" width=\"{Width - Left - Right}\" height=\"{Height - Top - Bottom}\" fill=\"none\" stroke=\"black\"/>\n");
        svg.Append($"<text x=\"{(Left + Width - Right) / 2}\" y=\"{Height - 12}\" text-anchor=\"middle\">arithmetic intensity (flop/byte)</text>\n");
        svg.Append($"<text x=\"16\" y=\"{Height / 2}\" text-anchor=\"middle\" transform=\"rotate(-90 16 {Height / 2})\">GFLOP/s</text>\n");
        Roof(svg, peakGflops, bandwidthGBs, xMin, xMax, yMin, X, Y);

        var groups = points.Select(p => p.Group).Distinct().ToList();
        foreach (var p in points)
        {
            var colour = Colours[groups.IndexOf(p.Group) % Colours.Length];
            svg.Append($"<circle cx=\"{F(X(p.Intensity))}\" cy=\"{F(Y(p.Gflops))}\" r=\"4\" fill=\"{colour}\" fill-opacity=\"0.8\"><title>{Markup.Escape($"{p.Label}: {p.Gflops:G3} GFLOP/s at {p.Intensity:G3} flop/byte")}</title></circle>\n");
        }
        for (var g = 0; g < groups.Count; g++)
        {
            var y = Top + 10 + 18 * g;
            svg.Append($"<circle cx=\"{Width - Right + 16}\" cy=\"{y - 4}\" r=\"4\" fill=\"{Colours[g % Colours.Length]}\"/><text x=\"{Width - Right + 26}\" y=\"{y}\">{Markup.Escape(groups[g])}</text>\n");
        }
        return svg.Append("</svg>\n").ToString();
    }

    /// <summary>The bandwidth slope up to the ridge point, then the flat compute peak.</summary>
    private static void Roof(StringBuilder svg, double? peak, double? bandwidth, double xMin, double xMax, double yMin, Func<double, double> x, Func<double, double> y)
    {
        if (bandwidth is { } b)
        {
            var ridge = peak is { } p ? p / b : xMax;
            var start = Math.Max(xMin, yMin / b);
            var end = Math.Min(ridge, xMax);
            if (end > start)
                svg.Append($"<line x1=\"{F(x(start))}\" y1=\"{F(y(b * start))}\" x2=\"{F(x(end))}\" y2=\"{F(y(b * end))}\" stroke=\"black\" stroke-width=\"2\"/>" +
                           $"<text x=\"{F(x(start) + 4)}\" y=\"{F(y(b * start) - 6)}\">{b:F0} GB/s</text>\n");
        }
        if (peak is { } pk)
        {
            var from = bandwidth is { } bw ? Math.Max(xMin, pk / bw) : xMin;
            svg.Append($"<line x1=\"{F(x(from))}\" y1=\"{F(y(pk))}\" x2=\"{F(x(xMax))}\" y2=\"{F(y(pk))}\" stroke=\"black\" stroke-width=\"2\"/>" +
                       $"<text x=\"{F(x(xMax) - 4)}\" y=\"{F(y(pk) - 6)}\" text-anchor=\"end\">{pk:F0} GFLOP/s</text>\n");
        }
    }

    private static double Decade(double v, bool down) => Math.Pow(10, down ? Math.Floor(Math.Log10(v)) : Math.Ceiling(Math.Log10(v)));

    private static string F(double v) => v.ToString("0.#", CultureInfo.InvariantCulture);

    private static string G(double v) => v.ToString("G4", CultureInfo.InvariantCulture);

}
