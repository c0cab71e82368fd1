using System.Globalization;
using Grimoire.Bench.Peers;
using Grimoire.Ops;

namespace Grimoire.Bench.Reports.Comparison;

/// <summary>libtorch (Debian python3-torch) on the report's GEMM and convolution sizes and on the model steps that have a
/// peer script, one child process per thread count. A peer that cannot run is a note saying why, never a figure.</summary>
public static class ReportPeers
{
    private const string Libtorch = "libtorch";
    private const string StepScript = "benchmarks/nn/torch_step.py";
    private const string LstmScript = "benchmarks/lm/torch_lstm_step.py";
    private const string TransformerScript = "benchmarks/lm/transformer_torch.py";

    /// <summary>The conv sweep's layer (<see cref="KernelWorkloads"/>) at one batch size, as the peer script takes it.</summary>
    private static ConvShape Conv(int batch, int image) => new(batch, 16, image, 32, 3, 1, 1);

    /// <summary>GEMM and convolution rows for every host thread count the kernels were timed at (median only: the script reports no spread).</summary>
    public static IEnumerable<KernelRow> Kernels(ReportOptions options, IReadOnlyList<Ceiling> ceilings, List<string> notes, Action<string> progress)
    {
        var gemm = options.SweepSizes.Gemm.Select(GemmShape.Square).ToList();
        var image = options.SweepSizes.Image;
        var conv = options.SweepSizes.Batches.Select(b => Conv(b, image)).ToList();
        var workloads = KernelWorkloads.All(options.SweepSizes).Where(w => w.Op is OpNames.MatMul or OpNames.Conv2d && (options.Ops?.Contains(w.Op) ?? true)).ToList();
        foreach (var threads in options.KernelThreads)
        {
            progress($"libtorch gemm and conv threads={threads}");
            if (TorchPeer.TryRun(threads, gemm, conv, out var why) is not { } results)
            {
                notes.Add($"libtorch kernels at {threads} threads not measured: {why}");
                continue;
            }
            var ceiling = ceilings.First(c => c.Threads == threads);
            foreach (var w in workloads)
            {
                var key = w.Op == OpNames.MatMul ? ("gemm", $"{(int)w.SizeValue},{(int)w.SizeValue},{(int)w.SizeValue}") : ("conv", Conv((int)w.SizeValue, image).Spec);
                if (!results.Gflops.TryGetValue(key, out var gflops)) continue;
                var seconds = w.Flops / (gflops * 1e9);
                yield return new KernelRow("cpu", w.Op, $"{Libtorch} {results.Version}", "peer", true, w.Size, w.SizeValue, threads, null, seconds,
                    w.Flops, w.Bytes, true, 100 * gflops / ceiling.FmaGflops, RatioToBest: 1);
            }
        }
    }

    /// <summary>Model-step rows of libtorch on the host, per thread count, for the models with a peer script.</summary>
    public static IEnumerable<ModelRow> Models(ReportOptions options, IReadOnlyList<ModelRow> ours, List<string> notes, Action<string> progress)
    {
        string Description(string key) => ours.FirstOrDefault(r => r.Model == key)?.Description ?? key;

        // A script that prints {"version", "median_ms"} for one model's step: its row, or a note saying why there is none.
        ModelRow? MedianStep(string model, string script, string[] args, int threads)
        {
            progress($"libtorch {model} step threads={threads}");
            if (TorchPeer.TryRunScript(script, args, threads, out var why) is { } result)
                return new ModelRow(model, Description(model), "cpu", $"{Libtorch} {result.GetProperty("version").GetString()}", threads, null, result.GetProperty("median_ms").GetDouble(), null);
            notes.Add($"libtorch {model} step at {threads} threads not measured: {why}");
            return null;
        }

        foreach (var threads in options.Threads)
        {
            var t = threads.ToString(CultureInfo.InvariantCulture);
            progress($"libtorch mlp and cnn steps threads={threads}");
            if (TorchPeer.TryRunScript(StepScript, ["--child", t], threads, out var why) is { } steps)
            {
                var version = steps.GetProperty("version").GetString();
                foreach (var step in steps.GetProperty("steps").EnumerateArray())
                {
                    var (key, ms) = (step[0].GetString()!, step[1].GetDouble());
                    yield return new ModelRow(key, Description(key), "cpu", $"{Libtorch} {version}", threads, null, ms, null);
                }
            }
            else notes.Add($"libtorch mlp and cnn steps at {threads} threads not measured: {why}");

            string[] rounds = ["--threads", t, "--rounds", options.Quick ? "3" : "7", "--steps", options.Quick ? "3" : "10"];
            if (MedianStep("lstm", LstmScript, rounds, threads) is { } lstm) yield return lstm;
            // nanoGPT's model written from its source; its step also clips gradients and sets the scheduled rate (cheap next to the GEMMs).
            if (MedianStep("transformer", TransformerScript, ["step", .. rounds], threads) is { } transformer) yield return transformer;
        }
        yield return new ModelRow("ppo", Description("ppo"), "cpu", Libtorch, null, null, null, "not measured: no peer script times a single PPO update (benchmarks/rl/torch_ppo.py times whole training runs)");
    }
}
