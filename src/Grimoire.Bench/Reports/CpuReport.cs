using System.Globalization;
using System.Text;
using Grimoire.Bench.Peers;
using Grimoire.IO;

namespace Grimoire.Bench.Reports;

/// <summary>Measures the machine's ceilings, every CPU contender and the libtorch peer in one run, and
/// writes docs/benchmarks/cpu-DATE.md with a GFLOP/s-vs-n chart beside it.</summary>
public static class CpuReport
{
    public sealed record Options(string OutputDirectory, bool Quick, string Command);

    private sealed record Measurements(
        int[] Threads, Dictionary<int, double> Peak, Dictionary<int, double> Bandwidth,
        List<GemmTiming.Result> Gemm, List<(ConvShape Shape, int Threads, bool Backward, double Gflops)> Conv,
        List<StreamingSweep.Row> Streaming, Dictionary<int, TorchPeer.Results> Torch, string? TorchMissing,
        TrainingStepSection.Results Steps, int StepRounds);

    /// <returns>The path of the report written.</returns>
    public static string Write(Options options, Action<string> progress)
    {
        OutputFolder.Ensure(options.OutputDirectory);
        var m = Measure(options.Quick, progress);
        var date = DateTime.UtcNow.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var chart = $"cpu-{date}-gemm.svg";
        File.WriteAllText(Path.Combine(options.OutputDirectory, chart), GemmChart(m));
        var path = Path.Combine(options.OutputDirectory, $"cpu-{date}.md");
        File.WriteAllText(path, Markdown(options, date, chart, m));
        return path;
    }

    private static Measurements Measure(bool quick, Action<string> progress)
    {
        var threads = KernelTiming.ThreadCounts;
        GemmShape[] shapes = quick ? [GemmShape.Square(256), GemmShape.Square(1024), new(128, 784, 256)] : GemmShape.Report;
        ConvShape[] convs = quick ? [ConvShape.Vision[1]] : ConvShape.Vision;

        progress("ceilings");
        var peak = threads.ToDictionary(t => t, FmaPeak.Gflops);
        var bandwidth = threads.ToDictionary(t => t, TriadBandwidth.GigabytesPerSecond);
        var gemm = GemmSweep.Run(shapes, threads, progress).ToList();
        var conv = new List<(ConvShape, int, bool, double)>();
        foreach (var shape in convs)
        foreach (var t in threads)
        foreach (var backward in new[] { false, true })
        {
            progress($"conv2d {shape} threads={t}{(backward ? " with backward" : "")}");
            conv.Add((shape, t, backward, ConvTiming.Gflops(shape, t, backward)));
        }
        var streaming = StreamingSweep.Run(threads, progress).ToList();
        var torch = new Dictionary<int, TorchPeer.Results>();
        string? missing = null;
        foreach (var t in threads)
        {
            progress($"libtorch peer threads={t}");
            if (TorchPeer.TryRun(t, shapes, convs, out missing) is { } r) torch[t] = r;
        }
        var stepRounds = quick ? 1 : 3;
        var steps = TrainingStepSection.Measure(threads, stepRounds, progress);
        return new Measurements(threads, peak, bandwidth, gemm, conv, streaming, torch, missing, steps, stepRounds);
    }

    private static double? Torch(Measurements m, int threads, string kind, string shape) =>
        m.Torch.TryGetValue(threads, out var r) && r.Gflops.TryGetValue((kind, shape), out var g) ? g : null;

    private static string GemmChart(Measurements m)
    {
        var series = m.Gemm.Where(r => r.Shape.IsSquare).GroupBy(r => $"{r.Kernel} {r.Threads}T")
            .Select(g => (g.Key, (IReadOnlyList<(double, double)>)g.Select(r => ((double)r.Shape.N, r.Gflops)).ToList()))
            .ToList();
        foreach (var t in m.Torch.Keys)
        {
            var points = m.Gemm.Where(r => r.Shape.IsSquare).Select(r => r.Shape).Distinct()
                .Select(s => (X: (double)s.N, Y: Torch(m, t, "gemm", $"{s.M},{s.K},{s.N}"))).Where(p => p.Y is not null)
                .Select(p => (p.X, p.Y!.Value)).ToList();
            if (points.Count > 0) series.Add(($"libtorch {t}T", points));
        }
        return SvgLineChart.Render("float32 GEMM, square n", "n", "GFLOP/s", series);
    }

    private const string OpenBlasVariant = "native-openblas";

    private static string Ratio(double ours, double? peer) => peer is { } p and > 0 ? $"{ours / p:F2}x" : "–";

    private static string Markdown(Options options, string date, string chart, Measurements m)
    {
        var md = new StringBuilder();
        md.AppendLine($"# CPU kernels, {date}").AppendLine();
        md.AppendLine($"- Machine: {MachineDescription.Describe()}");
        md.AppendLine($"- Command: `{CommandEnvironment.Prefix()}{options.Command}`");
        md.AppendLine($"- Every figure is the median of 5-9 timed samples after at least {MedianTimer.MinWarmup.TotalMilliseconds:F0} ms of warm-up (a sample repeats a call until it lasts {MedianTimer.MinSample.TotalMilliseconds:F0} ms), on a shared machine: compare ratios within this report.");
        md.AppendLine(m.TorchMissing is null
            ? $"- Peer: libtorch {string.Join(", ", m.Torch.Values.Select(r => r.Version).Distinct())} (Debian python3-torch) via `{TorchPeer.ScriptPath}`, run in the same report with its BLAS threads pinned."
            : $"- Peer: libtorch not measured: {m.TorchMissing}.");

        md.AppendLine().AppendLine("## Ceilings").AppendLine();
        md.AppendLine("| threads | FMA peak (GFLOP/s) | STREAM triad (GB/s) |").AppendLine("|---:|---:|---:|");
        foreach (var t in m.Threads) md.AppendLine($"| {t} | {m.Peak[t]:F1} | {m.Bandwidth[t]:F1} |");

        md.AppendLine().AppendLine("## GEMM (float32; square n, or m x k x n)").AppendLine();
        md.AppendLine("| kernel | backend | shape | threads | GFLOP/s | % of FMA peak | vs OpenBLAS | vs libtorch |").AppendLine("|---|---|---:|---:|---:|---:|---:|---:|");
        double? OpenBlas(GemmShape shape, int threads) =>
            m.Gemm.FirstOrDefault(o => o.Kernel == $"{Ops.OpNames.MatMul}:{OpenBlasVariant}" && o.Shape == shape && o.Threads == threads)?.Gflops;
        foreach (var r in m.Gemm)
        {
            var peer = Torch(m, r.Threads, "gemm", $"{r.Shape.M},{r.Shape.K},{r.Shape.N}");
            md.AppendLine($"| {r.Kernel} | {r.Backend} | {r.Shape} | {r.Threads} | {r.Gflops:F1} | {100 * r.Gflops / m.Peak[r.Threads]:F0}% | {Ratio(r.Gflops, OpenBlas(r.Shape, r.Threads))} | {Ratio(r.Gflops, peer)} |");
        }
        foreach (var t in m.Torch.Keys)
        foreach (var s in m.Gemm.Select(r => r.Shape).Distinct())
        {
            if (Torch(m, t, "gemm", $"{s.M},{s.K},{s.N}") is { } g)
                md.AppendLine($"| libtorch | peer | {s} | {t} | {g:F1} | {100 * g / m.Peak[t]:F0}% | {Ratio(g, OpenBlas(s, t))} | 1.00x |");
        }
        md.AppendLine().AppendLine($"![GFLOP/s vs n]({chart})");

        md.AppendLine().AppendLine("## conv2d (NCHW, implicit GEMM)").AppendLine();
        md.AppendLine("| shape | pass | threads | engine GFLOP/s | libtorch GFLOP/s | engine / libtorch |").AppendLine("|---|---|---:|---:|---:|---:|");
        foreach (var (shape, t, backward, g) in m.Conv)
        {
            var peer = Torch(m, t, backward ? "conv_backward" : "conv", shape.Spec);
            md.AppendLine($"| {shape} | {(backward ? "forward + backward" : "forward")} | {t} | {g:F1} | {(peer is { } p ? p.ToString("F1", CultureInfo.InvariantCulture) : "–")} | {Ratio(g, peer)} |");
        }

        md.AppendLine().AppendLine($"## Memory-bound kernels ({StreamingSweep.Elements / (1 << 20)} Mi floats)").AppendLine();
        md.AppendLine("Triad and kernels timed in alternating rounds; each figure is the median over the rounds, and % of triad uses the")
            .AppendLine("triad of the same rounds and thread count (not the ceiling above, which is the fastest run).").AppendLine();
        md.AppendLine($"| {string.Join(" | ", StreamingSweep.Header)} |").AppendLine("|---|---|---:|---:|---:|---:|");
        foreach (var cells in StreamingSweep.Table(m.Streaming)) md.AppendLine($"| {string.Join(" | ", cells)} |");
        TrainingStepSection.AppendMarkdown(md, m.Steps, m.StepRounds);
        return md.ToString();
    }
}
