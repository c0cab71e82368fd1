using System.Text;

namespace Grimoire.Bench.Reports.Comparison;

/// <summary>The report as one HTML page that needs nothing else: inline CSS, inline SVG plots, no script, no link to any
/// other file, so it can be mailed, archived or opened offline.</summary>
public static class ReportHtml
{
    private const string Style = """
        body { font-family: system-ui, sans-serif; margin: 2em auto; max-width: 1200px; padding: 0 1em; color: #222; }
        h1 { font-size: 1.6em; } h2 { margin-top: 1.6em; border-bottom: 1px solid #ccc; }
        table { border-collapse: collapse; font-size: 0.85em; margin: 0.5em 0; }
        th, td { border: 1px solid #ccc; padding: 3px 6px; text-align: left; vertical-align: top; }
        th { background: #f0f0f0; } tr:nth-child(even) td { background: #fafafa; }
        td.num { text-align: right; font-variant-numeric: tabular-nums; }
        .missing { background: #fff4e5; border: 1px solid #f0b060; padding: 0.5em 1em; }
        figure { display: inline-block; margin: 0.5em; } figcaption { font-size: 0.85em; color: #555; }
        nav a { margin-right: 1em; }
        """;

    private static readonly string[] AbovePlots = ["machine", "devices", "ceilings"];

    public static string Render(ReportData data, IReadOnlyList<ReportTable> tables, IReadOnlyList<ReportPlot> plots)
    {
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
        html.Append($"<title>GrimoireEngine benchmark report, {Markup.Escape(data.Date)}</title>\n<style>\n{Style}</style>\n</head>\n<body>\n");
        html.Append($"<h1>GrimoireEngine benchmark report, {Markup.Escape(data.Date)}</h1>\n");
        html.Append($"<p id=\"summary\">{Markup.Escape(ReportFiles.Summary(data))}</p>\n");
        if (ReportTables.GpuMissing(data) is { } missing) html.Append($"<p class=\"missing\" id=\"gpu-missing\">{Markup.Escape(missing)}</p>\n");
        html.Append("<nav>").AppendJoin("", tables.Select(t => $"<a href=\"#{t.Id}\">{Markup.Escape(t.Title)}</a>")).Append("<a href=\"#plots\">Plots</a></nav>\n");
        // Where it ran, then the plots, then the figures.
        foreach (var table in tables.Where(t => AbovePlots.Contains(t.Id))) AppendTable(html, table);
        html.Append("<h2 id=\"plots\">Plots</h2>\n");
        foreach (var plot in plots)
            html.Append($"<figure id=\"{plot.Id}\">\n{plot.Svg}<figcaption>{Markup.Escape(plot.Title)}</figcaption>\n</figure>\n");
        foreach (var table in tables.Where(t => !AbovePlots.Contains(t.Id))) AppendTable(html, table);
        AppendList(html, "not-swept", "Ops not in the sweep", data.NotSwept);
        AppendList(html, "notes", "Notes", data.Notes);
        html.Append("<p>The same numbers are in report.md, report.csv and report.json beside this file.</p>\n</body>\n</html>\n");
        return html.ToString();
    }

    private static void AppendTable(StringBuilder html, ReportTable table)
    {
        html.Append($"<h2 id=\"{table.Id}\">{Markup.Escape(table.Title)}</h2>\n");
        if (table.Caption is { } caption) html.Append($"<p>{Markup.Escape(caption)}</p>\n");
        if (table.Rows.Count == 0) return;
        html.Append($"<table id=\"table-{table.Id}\">\n<thead><tr>").AppendJoin("", table.Headers.Select(h => $"<th>{Markup.Escape(h)}</th>")).Append("</tr></thead>\n<tbody>\n");
        foreach (var row in table.Rows)
            html.Append("<tr>").AppendJoin("", row.Select(c => IsNumber(c) ? $"<td class=\"num\">{Markup.Escape(c)}</td>" : $"<td>{Markup.Escape(c)}</td>")).Append("</tr>\n");
        html.Append("</tbody>\n</table>\n");
    }

    private static void AppendList(StringBuilder html, string id, string title, IReadOnlyList<string> items)
    {
        if (items.Count == 0) return;
        html.Append($"<h2 id=\"{id}\">{Markup.Escape(title)}</h2>\n<ul>\n").AppendJoin("", items.Select(i => $"<li>{Markup.Escape(i)}</li>\n")).Append("</ul>\n");
    }

    private static bool IsNumber(string cell) => double.TryParse(cell.TrimEnd('x'), System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out _);
}
