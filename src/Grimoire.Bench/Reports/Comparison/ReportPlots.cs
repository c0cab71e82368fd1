using Grimoire.Ops;

namespace Grimoire.Bench.Reports.Comparison;

/// <summary>An SVG plot of the report, with the file name it gets beside the Markdown.</summary>
public sealed record ReportPlot(string Id, string Title, string FileName, string Svg);

/// <summary>The report's plots: a roofline per measured device, and rate against size for the main ops.</summary>
public static class ReportPlots
{
    /// <summary>Ops with a rate-vs-size plot: the compute-bound ones and one of each memory-bound family.</summary>
    private static readonly string[] Swept = [OpNames.MatMul, OpNames.Attention, OpNames.Linear, OpNames.Conv2d, OpNames.Exp, OpNames.Add, OpNames.Sum, OpNames.Softmax];

    public static IReadOnlyList<ReportPlot> All(ReportData data)
    {
        var plots = new List<ReportPlot>();
        foreach (var device in data.Devices.Where(d => d.Measured))
        {
            var rows = data.Kernels.Where(r => r.Device == device.Device).ToList();
            if (!rows.Any(r => r.Flops > 0)) continue;
            var most = rows.Max(r => r.Threads ?? 0);
            // One point per implementation of each op: its largest size at the most threads.
            var points = rows.Where(r => (r.Threads ?? 0) == most && r.Flops > 0).GroupBy(r => r.Implementation)
                .Select(g => g.MaxBy(r => r.SizeValue)!)
                .Select(r => new SvgRoofline.Point($"{r.Implementation} {r.Size}", r.Peer ? "peer" : Family(r.Op), r.Intensity, r.Gflops)).ToList();
            var threads = most > 0 ? $", {most} threads" : "";
            plots.Add(new($"roofline-{device.Device}", $"Roofline, {device.Device}", $"roofline-{device.Device}.svg",
                SvgRoofline.Render($"Roofline: {device.Device}{threads} (largest size of each kernel)", device.PeakGflops, device.BandwidthGigabytesPerSecond, points)));
        }
        foreach (var op in Swept)
        {
            var rows = data.Kernels.Where(r => r.Op == op).ToList();
            if (rows.Count == 0) continue;
            var series = rows.GroupBy(r => $"{r.Device} {r.Implementation.Replace($"{op}:", "")}{(r.Threads is { } t ? $" {t}T" : "")}")
                .Select(g => (g.Key, (IReadOnlyList<(double, double)>)[.. g.Select(r => (r.SizeValue, r.Rate))])).ToList();
            var unit = rows[0].Unit;
            var xLabel = rows[0].Size.Split('=', ' ')[0] switch { "n" => "n (square)", "t" => "sequence length", "batch" => "batch", _ => "elements" };
            plots.Add(new($"sweep-{op}", $"{op}: {unit} against size", $"sweep-{op}.svg", SvgLineChart.Render($"{op} ({unit})", xLabel, unit, series)));
        }
        return plots;
    }

    private static string Family(string op) => op switch
    {
        OpNames.MatMul or OpNames.Attention or OpNames.Linear or OpNames.Conv2d or OpNames.Conv2dBackwardInput or OpNames.Conv2dBackwardWeight => "GEMM-based",
        OpNames.Sum or OpNames.Max or OpNames.CumSum => "reduction, scan",
        OpNames.Softmax or OpNames.LogSoftmax or OpNames.LayerNorm => "row op",
        OpNames.MaxPool2d or OpNames.AvgPool2d => "pooling",
        OpNames.LstmCell or OpNames.GruCell => "recurrent cell",
        _ => "elementwise",
    };
}
