using System.Globalization;
using System.Text;

namespace Grimoire.Bench.Reports;

/// <summary>Measures the machine's ceilings and every CPU contender, and writes docs/benchmarks/cpu-DATE.md
/// with a GFLOP/s-vs-n chart beside it.</summary>
public static class CpuReport
{
    public sealed record Options(string OutputDirectory, bool Quick, string Command);

    /// <returns>The path of the report written.</returns>
    public static string Write(Options options, Action<string> progress)
    {
        var threadCounts = new[] { 1, Environment.ProcessorCount }.Distinct().ToArray();
        int[] sizes = options.Quick ? [256, 1024] : [256, 512, 1024, 2048];

        progress("ceilings");
        var peak = threadCounts.ToDictionary(t => t, FmaPeak.Gflops);
        var bandwidth = threadCounts.ToDictionary(t => t, TriadBandwidth.GigabytesPerSecond);
        var gemm = GemmSweep.Run(sizes, threadCounts, progress).ToList();
        var streaming = StreamingSweep.Run(threadCounts, progress).ToList();

        Directory.CreateDirectory(options.OutputDirectory);
        var date = DateTime.UtcNow.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var chart = $"cpu-{date}-gemm.svg";
        File.WriteAllText(Path.Combine(options.OutputDirectory, chart), GemmChart(gemm));
        var path = Path.Combine(options.OutputDirectory, $"cpu-{date}.md");
        File.WriteAllText(path, Markdown(options, date, chart, peak, bandwidth, gemm, streaming));
        return path;
    }

    private static string GemmChart(List<GemmTiming.Result> gemm) =>
        SvgLineChart.Render("float32 GEMM, square n", "n", "GFLOP/s",
            gemm.GroupBy(r => $"{r.Kernel} {r.Threads}T")
                .Select(g => (g.Key, (IReadOnlyList<(double, double)>)g.Select(r => ((double)r.N, r.Gflops)).ToList()))
                .ToList());

    private static string Markdown(Options options, string date, string chart, Dictionary<int, double> peak, Dictionary<int, double> bandwidth,
        List<GemmTiming.Result> gemm, List<StreamingSweep.Row> streaming)
    {
        var md = new StringBuilder();
        md.AppendLine($"# CPU kernels, {date}").AppendLine();
        md.AppendLine($"- Machine: {MachineDescription.Describe()}");
        md.AppendLine($"- Command: `{options.Command}`");
        md.AppendLine("- Every figure is the median of 5-7 timed runs after 2 warm-ups, on a shared machine: compare ratios within this report.");
        md.AppendLine().AppendLine("## Ceilings").AppendLine();
        md.AppendLine("| threads | FMA peak (GFLOP/s) | STREAM triad (GB/s) |").AppendLine("|---:|---:|---:|");
        foreach (var t in peak.Keys) md.AppendLine($"| {t} | {peak[t]:F1} | {bandwidth[t]:F1} |");

        md.AppendLine().AppendLine("## GEMM (float32, square)").AppendLine();
        md.AppendLine("| kernel | backend | n | threads | GFLOP/s | % of FMA peak |").AppendLine("|---|---|---:|---:|---:|---:|");
        foreach (var r in gemm) md.AppendLine($"| {r.Kernel} | {r.Backend} | {r.N} | {r.Threads} | {r.Gflops:F1} | {100 * r.Gflops / peak[r.Threads]:F0}% |");
        md.AppendLine().AppendLine($"![GFLOP/s vs n]({chart})");

        md.AppendLine().AppendLine($"## Memory-bound kernels ({StreamingSweep.Elements / (1 << 20)} Mi floats)").AppendLine();
        md.AppendLine("| op | implementation | threads | GB/s | % of triad | vs TensorPrimitives (1 thread) |").AppendLine("|---|---|---:|---:|---:|---:|");
        foreach (var r in streaming)
        {
            var peer = streaming.First(p => p.Op == r.Op && p.Implementation == "TensorPrimitives").GigabytesPerSecond;
            md.AppendLine($"| {r.Op} | {r.Implementation} | {r.Threads} | {r.GigabytesPerSecond:F1} | {100 * r.GigabytesPerSecond / bandwidth[r.Threads]:F0}% | {r.GigabytesPerSecond / peer:F2}x |");
        }
        return md.ToString();
    }
}
