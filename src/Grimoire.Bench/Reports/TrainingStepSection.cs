using System.Globalization;
using System.Text;
using Grimoire.Bench.Peers;

namespace Grimoire.Bench.Reports;

/// <summary>The MLP and CNN training steps of <see cref="StepBenchmark"/> against libtorch (benchmarks/nn/torch_step.py)
/// in alternating rounds, so a burst of load on a shared machine hits both sides alike: issue 15's step-time target
/// (≤ 0.8× libtorch) in the same report as the kernels.</summary>
public static class TrainingStepSection
{
    private const string PeerScript = "benchmarks/nn/torch_step.py";

    /// <summary>One model at one thread count: each side's median over the rounds, and every round's ratio (ours / peer).</summary>
    public sealed record Row(string Key, string Name, int Threads, double OursMs, double? PeerMs, IReadOnlyList<double> Ratios);

    public sealed record Results(IReadOnlyList<Row> Rows, string? PeerVersion, string? PeerMissing);

    public static Results Measure(IReadOnlyList<int> threads, int rounds, Action<string> progress)
    {
        var rows = new List<Row>();
        string? version = null, missing = null;
        foreach (var t in threads)
        {
            var ours = TrainingStepModel.Classifiers.ToDictionary(m => m.Key, _ => new List<double>());
            var peer = TrainingStepModel.Classifiers.ToDictionary(m => m.Key, _ => new List<double>());
            for (var round = 1; round <= rounds; round++)
            {
                progress($"training steps threads={t} round {round} of {rounds}");
                foreach (var (model, result) in TrainingStepModel.Classifiers.Zip(StepBenchmark.Run(t))) ours[model.Key].Add(result.MedianMilliseconds);
                if (TorchPeer.TryRunScript(PeerScript, ["--child", t.ToString(CultureInfo.InvariantCulture)], t, out var why) is not { } steps)
                {
                    missing = why;
                    continue;
                }
                version = steps.GetProperty("version").GetString();
                foreach (var step in steps.GetProperty("steps").EnumerateArray())
                    if (peer.TryGetValue(step[0].GetString()!, out var list)) list.Add(step[1].GetDouble());
            }
            foreach (var model in TrainingStepModel.Classifiers)
            {
                var (o, p) = (ours[model.Key], peer[model.Key]);
                var ratios = p.Count == o.Count ? o.Zip(p, (a, b) => a / b).Order().ToList() : [];
                rows.Add(new Row(model.Key, model.Name, t, new Timing(o).Median, p.Count > 0 ? new Timing(p).Median : null, ratios));
            }
        }
        return new Results(rows, version, missing);
    }

    public static void AppendMarkdown(StringBuilder md, Results results, int rounds)
    {
        md.AppendLine().AppendLine("## Training steps (forward, loss, backward, optimizer; float32)").AppendLine();
        md.AppendLine(results.PeerMissing is null
            ? $"libtorch {results.PeerVersion} via `{PeerScript}`, {rounds} alternating round{(rounds == 1 ? "" : "s")} per thread count; each side's median over the rounds, ratio = ours / libtorch per round (≤ 0.8 is issue 15's target), median and range."
            : $"libtorch not measured: {results.PeerMissing}.");
        md.AppendLine().AppendLine("| model | threads | engine ms | libtorch ms | ratio (median) | ratio per round |").AppendLine("|---|---:|---:|---:|---:|---|");
        foreach (var r in results.Rows)
        {
            var peer = r.PeerMs is { } p ? p.ToString("F3", CultureInfo.InvariantCulture) : "–";
            var ratio = r.Ratios.Count > 0 ? $"{new Timing(r.Ratios).Median:F2}x" : "–";
            md.AppendLine($"| {r.Name} | {r.Threads} | {r.OursMs:F3} | {peer} | {ratio} | {string.Join(" / ", r.Ratios.Select(x => x.ToString("F2", CultureInfo.InvariantCulture)))} |");
        }
    }
}
