using System.Globalization;

namespace Grimoire.Bench.Reports.Comparison;

/// <summary>A table of the report, already formatted, so the HTML and Markdown show the same cells.</summary>
/// <param name="Id">Anchor and element id, e.g. "kernels".</param>
public sealed record ReportTable(string Id, string Title, string? Caption, string[] Headers, IReadOnlyList<string[]> Rows);

/// <summary>The report's tables, built once from <see cref="ReportData"/>.</summary>
public static class ReportTables
{
    public const string NoGpu = "GPU: not measured (no device)";

    /// <summary>The id of the table of every kernel measurement.</summary>
    public const string KernelsId = "kernels";

    public static IReadOnlyList<ReportTable> All(ReportData data) =>
        [Machine(data), Devices(data), Ceilings(data), Headline(data), Models(data), Speedup(data), Kernels(data)];

    /// <summary>"GPU: not measured (…)" when no GPU was measured, else null.</summary>
    public static string? GpuMissing(ReportData data) =>
        data.Devices.Any(d => d.Device == "gpu" && d.Measured) ? null
        : data.Devices.FirstOrDefault(d => d.Device == "gpu") is { NotMeasured: { } why } ? $"GPU: not measured ({why})" : "GPU: not measured (not asked for: --devices without gpu)";

    private static ReportTable Machine(ReportData d)
    {
        var m = d.Machine;
        string[][] rows =
        [
            ["CPU", m.CpuModel], ["logical processors", I(m.LogicalProcessors)], ["kernel ISAs usable", m.Isas], ["caches (per core)", m.Caches],
            ["GPU", GpuMissing(d) ?? string.Join("; ", d.Devices.Where(x => x.Device == "gpu").Select(x => x.Description))],
            ["OS", m.Os], [".NET", m.Runtime], ["commit", m.Commit], ["load average (1 / 5 / 15 min)", m.LoadAverage],
            ["command", d.Command], ["date (UTC)", d.Date], ["mode", d.Quick ? "--quick: fewer sizes, short warm-up" : "full"],
        ];
        return new("machine", "Machine", null, ["", "value"], rows);
    }

    private static ReportTable Devices(ReportData d) => new("devices", "Devices", "Percentages of ceiling use these figures: measured on the host, nominal on a GPU.",
        ["device", "measured", "what", "memory", "compute capability", "driver", "float32 peak GFLOP/s", "bandwidth GB/s", "ceilings from"],
        [.. d.Devices.Select(x => new[]
        {
            x.Device, x.Measured ? "yes" : "no", x.Description, x.MemoryBytes is { } b ? $"{b / (1 << 20)} MiB" : "–", x.ComputeCapability ?? "–", x.Driver ?? "–",
            N(x.PeakGflops, "F1"), N(x.BandwidthGigabytesPerSecond, "F1"), x.Measured ? x.CeilingSource : x.NotMeasured ?? "",
        })]);

    private static ReportTable Ceilings(ReportData d) => new("ceilings", "Host ceilings", "Float32 FMA loop (no memory traffic) and STREAM triad over 192 MiB: the fastest of 15 runs, since load from other processes only slows a run.",
        ["threads", "FMA peak GFLOP/s", "triad GB/s", "ridge point flop/byte"],
        [.. d.Machine.Ceilings.Select(c => new[] { I(c.Threads), F(c.FmaGflops, "F1"), F(c.TriadGigabytesPerSecond, "F1"), F(c.FmaGflops / c.TriadGigabytesPerSecond, "F1") })]);

    /// <summary>Per device and op, the best engine kernel at the largest size (most threads), beside the best peer there.</summary>
    public static ReportTable Headline(ReportData d)
    {
        var rows = new List<string[]>();
        foreach (var group in d.Kernels.GroupBy(r => (r.Device, r.Op)))
        {
            var largest = group.Max(r => r.SizeValue);
            var at = group.Where(r => r.SizeValue == largest).ToList();
            var best = at.Where(r => !r.Peer).OrderByDescending(r => r.Rate).FirstOrDefault();
            if (best is null) continue;
            var peer = at.Where(r => r.Peer).OrderByDescending(r => r.Rate).FirstOrDefault();
            rows.Add([best.Device, best.Op, best.Size, best.Implementation, Threads(best.Threads), F(best.Rate, "F1"), best.Unit, N(best.PercentOfCeiling, "F0"),
                peer is null ? "–" : $"{peer.Implementation}: {peer.Rate:F1}", peer is null ? "–" : $"{best.Rate / peer.Rate:F2}x"]);
        }
        return new("headline", "Headline: best engine kernel per op at the largest size", "vs peer = engine rate / peer rate (above 1: the engine is faster).",
            ["device", "op", "size", "best kernel", "threads", "rate", "unit", "% of ceiling", "best peer", "vs peer"], rows);
    }

    private static ReportTable Models(ReportData d)
    {
        string Ratio(ModelRow r)
        {
            if (r.Implementation != "grimoire" || r.MedianMilliseconds is not { } ms) return "–";
            var peer = d.Models.FirstOrDefault(p => p.Model == r.Model && p.Device == r.Device && p.Threads == r.Threads && p.Implementation != "grimoire" && p.MedianMilliseconds is not null);
            return peer is null ? "–" : $"{peer.MedianMilliseconds!.Value / ms:F2}x";
        }
        return new("models", "Model-level figures: one training step (one update for PPO)", "Median and spread (fastest – slowest sample) in milliseconds; vs libtorch = libtorch time / engine time (above 1: the engine is faster).",
            ["model", "device", "implementation", "threads", "median ms", "spread ms", "vs libtorch", "what"],
            [.. d.Models.Select(r => new[]
            {
                r.Model, r.Device, r.Implementation, Threads(r.Threads), r.NotAvailable ?? N(r.MedianMilliseconds, "F3"),
                r.Milliseconds is { } t ? $"{t.Min:F3} – {t.Max:F3}" : "–", Ratio(r), r.Description,
            })]);
    }

    private static ReportTable Speedup(ReportData d)
    {
        if (GpuMissing(d) is { } missing)
            return new("speedup", "CPU vs GPU speed-up", $"{missing}: no speed-up is shown, and none is estimated.", ["op or model", "speed-up", "GPU wins from"], []);
        var rows = Speedups.Kernels(d).Select(k => new[] { k.Op, string.Join(", ", k.Sizes.Select(s => $"{s.Size}: {s.Speedup:F2}x")), k.GpuWinsFrom ?? "not at the sizes measured" })
            .Concat(Speedups.Models(d).Select(m => new[] { m.Model, $"{m.Speedup:F2}x ({m.CpuMilliseconds:F3} ms → {m.GpuMilliseconds:F3} ms)", "–" })).ToList();
        return new("speedup", "CPU vs GPU speed-up", "GPU rate / best CPU rate per size (best engine kernel on each); models: fastest CPU step / GPU step.",
            ["op or model", "speed-up", "GPU wins from"], rows);
    }

    private static ReportTable Kernels(ReportData d) => new(KernelsId, "Every kernel, every size",
        "Reference kernels are excluded (they are the plain definitions the others are checked against). Median and spread (fastest – slowest sample) per call after warm-up; " +
        "the rate is GFLOP/s for compute-bound ops (% of the FMA peak) and GB/s of compulsory traffic for memory-bound ones (% of the triad bandwidth), at the row's thread count; " +
        "sizes that fit in cache can pass 100 % of the triad bandwidth, which is DRAM's. vs best = rate / best rate of the op at that size on any device. Peers are marked (peer).",
        ["device", "op", "implementation", "backend", "size", "threads", "median ms", "spread ms", "rate", "unit", "% of ceiling", "vs best", "flop/byte"],
        [.. d.Kernels.Select(r => new[]
        {
            r.Device, r.Op, r.Peer ? $"{r.Implementation} (peer)" : r.Implementation, r.Backend, r.Size, Threads(r.Threads), F(r.MedianSeconds * 1e3, "G4"),
            r.Seconds is { } t ? $"{t.Min * 1e3:G4} – {t.Max * 1e3:G4}" : "–", F(r.Rate, "F1"), r.Unit, N(r.PercentOfCeiling, "F0"), F(r.RatioToBest, "F2"), F(r.Intensity, "G3"),
        })]);

    private static string Threads(int? t) => t is { } n ? I(n) : "–";

    private static string I(int v) => v.ToString(CultureInfo.InvariantCulture);

    private static string F(double v, string format) => v.ToString(format, CultureInfo.InvariantCulture);

    private static string N(double? v, string format) => v is { } x ? F(x, format) : "–";
}
