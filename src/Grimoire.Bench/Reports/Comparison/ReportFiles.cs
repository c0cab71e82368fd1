using System.Globalization;
using System.Text;
using System.Text.Json;
using Grimoire.IO;

namespace Grimoire.Bench.Reports.Comparison;

/// <summary>Writes a <see cref="ReportData"/> as report.html (self-contained: inline CSS and SVG, no script, no external
/// asset), report.md with the plots as SVG files beside it, report.csv (one row per measurement) and report.json (all of it).</summary>
public static class ReportFiles
{
    public const string Html = "report.html", Markdown = "report.md", Csv = "report.csv", Json = "report.json";

    /// <returns>The paths written, the HTML first.</returns>
    public static IReadOnlyList<string> Write(ReportData data, string directory)
    {
        OutputFolder.Ensure(directory);
        var tables = ReportTables.All(data);
        var plots = ReportPlots.All(data);
        var written = new List<string>();
        void Save(string name, string text)
        {
            var path = Path.Combine(directory, name);
            File.WriteAllText(path, text);
            written.Add(path);
        }
        Save(Html, ReportHtml.Render(data, tables, plots));
        Save(Markdown, RenderMarkdown(data, tables, plots));
        Save(Csv, RenderCsv(data));
        Save(Json, JsonSerializer.Serialize(data, new JsonSerializerOptions { WriteIndented = true }));
        foreach (var plot in plots) Save(plot.FileName, plot.Svg);
        return written;
    }

    public static string RenderMarkdown(ReportData data, IReadOnlyList<ReportTable> tables, IReadOnlyList<ReportPlot> plots)
    {
        var md = new StringBuilder($"# GrimoireEngine benchmark report, {data.Date}\n\n");
        md.Append(Summary(data)).Append("\n\n");
        foreach (var table in tables)
        {
            md.Append($"## {table.Title}\n\n");
            if (table.Caption is { } caption) md.Append(caption).Append("\n\n");
            if (table.Rows.Count == 0) continue;
            md.Append("| ").AppendJoin(" | ", table.Headers.Select(Cell)).Append(" |\n|").AppendJoin("|", table.Headers.Select(_ => "---")).Append("|\n");
            foreach (var row in table.Rows) md.Append("| ").AppendJoin(" | ", row.Select(Cell)).Append(" |\n");
            md.Append('\n');
        }
        md.Append("## Plots\n\n");
        foreach (var plot in plots) md.Append($"![{plot.Title}]({plot.FileName})\n\n");
        AppendList(md, "Ops not in the sweep (their kernels exist but the report has no workload for them)", data.NotSwept);
        AppendList(md, "Notes", data.Notes);
        return md.ToString();
    }

    /// <summary>The sentence above the tables: what was measured, and that a missing GPU has no figures.</summary>
    public static string Summary(ReportData data) =>
        $"{data.Kernels.Count} kernel measurements ({data.Kernels.Select(k => k.Implementation).Distinct().Count()} implementations of {data.Kernels.Select(k => k.Op).Distinct().Count()} ops) " +
        $"and {data.Models.Count(m => m.MedianMilliseconds is not null)} model-step measurements on {string.Join(", ", data.Devices.Where(d => d.Measured).Select(d => d.Device))}. " +
        (ReportTables.GpuMissing(data) is { } missing ? $"{missing}: no GPU figure or speed-up appears in this report." : "");

    private static void AppendList(StringBuilder md, string title, IReadOnlyList<string> items)
    {
        if (items.Count == 0) return;
        md.Append($"## {title}\n\n");
        foreach (var item in items) md.Append($"- {item}\n");
        md.Append('\n');
    }

    private static string Cell(string s) => s.Replace("|", "\\|");

    /// <summary>One row per kernel and per model measurement, with the unformatted numbers.</summary>
    public static string RenderCsv(ReportData data)
    {
        var csv = new StringBuilder("section,device,name,implementation,backend,peer,size,size_value,threads,median_s,min_s,max_s,runs,flops,bytes,rate,unit,percent_of_ceiling,ratio_to_best,flop_per_byte,note\n");
        foreach (var r in data.Kernels)
        {
            csv.AppendJoin(',', [
                "kernel", r.Device, r.Op, Quote(r.Implementation), r.Backend, r.Peer ? "true" : "false", Quote(r.Size), D(r.SizeValue), r.Threads?.ToString(CultureInfo.InvariantCulture) ?? "",
                D(r.MedianSeconds), D(r.Seconds?.Min), D(r.Seconds?.Max), r.Seconds?.Runs.ToString(CultureInfo.InvariantCulture) ?? "", D(r.Flops), D(r.Bytes), D(r.Rate), r.Unit,
                D(r.PercentOfCeiling), D(r.RatioToBest), D(r.Intensity), ""]).Append('\n');
        }
        foreach (var m in data.Models)
        {
            csv.AppendJoin(',', [
                "model", m.Device, m.Model, Quote(m.Implementation), "", m.Implementation == "grimoire" ? "false" : "true", "", "", m.Threads?.ToString(CultureInfo.InvariantCulture) ?? "",
                D(m.MedianMilliseconds / 1e3), D(m.Milliseconds?.Min / 1e3), D(m.Milliseconds?.Max / 1e3), m.Milliseconds?.Runs.ToString(CultureInfo.InvariantCulture) ?? "",
                "", "", "", "", "", "", "", Quote(m.NotAvailable ?? "")]).Append('\n');
        }
        return csv.ToString();
    }

    private static string D(double? v) => v is { } x ? x.ToString("R", CultureInfo.InvariantCulture) : "";

    private static string Quote(string s) => s.IndexOfAny([',', '"', '\n']) < 0 ? s : $"\"{s.Replace("\"", "\"\"")}\"";
}
