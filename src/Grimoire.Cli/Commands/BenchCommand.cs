using System.CommandLine;
using System.Text.Json;
using Grimoire.Bench;
using Grimoire.Bench.Reports;
using Grimoire.Imaging;

namespace Grimoire.Cli.Commands;

/// <summary>`grimoire bench ...`: quick, reproducible single figures (median of repeated runs after warm-up).
/// The full side-by-side reports come from BenchmarkDotNet in benchmarks/.</summary>
internal static class BenchCommand
{
    public static Command Create(TextWriter output) =>
        new("bench", "Time kernels and measure the machine's ceilings") { Gemm(output), Conv(output), Ceilings(output), Memory(output), Cpu(output), TrainStep(output) };

    private static Command TrainStep(TextWriter output)
    {
        var threads = new Option<int>("--threads") { Description = "Threads the kernels may use", DefaultValueFactory = _ => Environment.ProcessorCount };
        var json = new Option<bool>("--json") { Description = "Print one JSON object per model" };
        var profile = new Option<bool>("--profile") { Description = "Also print where a step's time goes: kernel time per op and phase (forward, backward, optimizer); text output only" };
        var device = DeviceOption();
        InRange(threads, 1, 1024);
        var command = new Command("train-step", "Median training-step time of the MLP and CNN of issue 6 (forward, backward, optimizer)") { threads, json, profile, device };
        command.SetAction(parse =>
        {
            foreach (var r in StepBenchmark.Run(parse.GetValue(threads), parse.GetValue(profile), new Device(parse.GetValue(device)!)))
            {
                output.WriteLine(parse.GetValue(json)
                    ? JsonSerializer.Serialize(new { model = r.Model, device = r.Device, threads = r.Threads, batch = r.Batch, median_ms = Math.Round(r.MedianMilliseconds, 4), upload_ms = Math.Round(r.UploadMilliseconds, 4),
                        allocated_mb_per_step = Math.Round(r.AllocatedMegabytesPerStep, 3), peak_tensor_mb = r.PeakTensorMegabytes is { } peak ? Math.Round(peak, 3) : (double?)null })
                    : $"{r.Model} on {r.Device}: {r.MedianMilliseconds:F3} ms per step at {r.Threads} threads, {r.AllocatedMegabytesPerStep:F2} MB managed allocation per step" +
                      (r.PeakTensorMegabytes is { } mb ? $", peak tensor memory {mb:F1} MB" : $", batch upload {r.UploadMilliseconds:F3} ms (not in the step time)"));
                if (r.Profile is { } entries && !parse.GetValue(json)) WriteProfile(output, entries, StepBenchmark.ProfiledSteps);
            }
            return 0;
        });
        return command;
    }

    /// <summary>Kernel time per op and phase, per step, slowest first; the rest of a step is graph bookkeeping.</summary>
    private static void WriteProfile(TextWriter output, IReadOnlyList<Diagnostics.OpProfile.Entry> entries, int steps)
    {
        var total = entries.Sum(e => e.Seconds);
        var table = new TextTable(["phase", "op", "kernel", "calls/step", "ms/step", "share"], 3, 4, 5);
        foreach (var e in entries)
            table.Add(e.Section, e.Op, e.Variant, (e.Calls / (double)steps).ToString("0.#"), (e.Seconds * 1e3 / steps).ToString("F3"), (e.Seconds / total).ToString("P1"));
        table.WriteTo(output);
        output.WriteLine($"kernel time {total * 1e3 / steps:F3} ms per step over {steps} steps");
    }

    private static Command Gemm(TextWriter output)
    {
        var n = new Option<int>("--n") { Description = $"Square size (1..{GemmShape.MaxDim})", DefaultValueFactory = _ => 1024 };
        var threads = new Option<int>("--threads") { Description = "Threads the kernel may use", DefaultValueFactory = _ => Environment.ProcessorCount };
        var kernel = new Option<string?>("--kernel") { Description = "matmul variant to time (default: the one dispatch picks); see `grimoire kernels --op matmul`" };
        var runs = new Option<int>("--runs") { Description = "Timed runs (at least 5); the median is reported", DefaultValueFactory = _ => 7 };
        var json = new Option<bool>("--json") { Description = "Print one JSON object instead of a line of text" };
        var shape = new Option<string?>("--shape") { Description = "MxKxN instead of a square --n, e.g. 64x3136x32 (an m x k by k x n product)" };
        var device = DeviceOption();
        shape.Validators.Add(result =>
        {
            var text = result.GetValueOrDefault<string?>() ?? "";
            var parsed = GemmShape.TryParse(text);
            if (parsed is null) result.AddError($"--shape must be MxKxN with positive integers, e.g. 64x3136x32, got {text}");
            else if (parsed.Value.M < 1 || parsed.Value.K < 1 || parsed.Value.N < 1 || Math.Max(parsed.Value.M, Math.Max(parsed.Value.K, parsed.Value.N)) > GemmShape.MaxDim)
                result.AddError($"--shape sizes must be between 1 and {GemmShape.MaxDim}, got {text}");
        });
        InRange(n, 1, GemmShape.MaxDim);
        InRange(threads, 1, 1024);
        InRange(runs, 5, 1000);
        var command = new Command("gemm", "GFLOP/s of a float32 matmul: square n, or --shape MxKxN; on a gpu device the copies are timed apart from the kernel") { n, shape, threads, kernel, runs, json, device };
        command.SetAction(parse =>
        {
            var size = parse.GetValue(shape) is { } text ? GemmShape.TryParse(text)!.Value : GemmShape.Square(parse.GetValue(n));
            var on = new Device(parse.GetValue(device)!);
            var r = GemmTiming.Run(size, parse.GetValue(threads), parse.GetValue(kernel), parse.GetValue(runs), on);
            var copies = on.IsCpu ? "" : $"; copies apart: A and B up {r.UploadSeconds * 1e3:F3} ms, C back {r.DownloadSeconds * 1e3:F3} ms";
            output.WriteLine(parse.GetValue(json)
                ? JsonSerializer.Serialize(new { m = r.Shape.M, k = r.Shape.K, n = r.Shape.N, threads = r.Threads, kernel = r.Kernel, backend = r.Backend, device = r.Device, gflops = Math.Round(r.Gflops, 2),
                    median_ms = Math.Round(r.MedianSeconds * 1e3, 4), upload_ms = Math.Round(r.UploadSeconds * 1e3, 4), download_ms = Math.Round(r.DownloadSeconds * 1e3, 4), runs = r.Runs })
                : $"{r.Kernel} ({r.Backend}) {(r.Shape.IsSquare ? "n=" : "m x k x n = ")}{r.Shape} threads={r.Threads} on {r.Device}: {r.Gflops:F1} GFLOP/s (median {r.MedianSeconds * 1e3:F3} ms of {r.Runs} runs){copies}");
            return 0;
        });
        return command;
    }

    private static Command Conv(TextWriter output)
    {
        var threads = new Option<int>("--threads") { Description = "Threads the kernels may use", DefaultValueFactory = _ => Environment.ProcessorCount };
        var backward = new Option<bool>("--backward") { Description = "Time forward plus backward (input, weight and bias gradients)" };
        var batch = new Option<int>("--batch") { Description = "Images per batch", DefaultValueFactory = _ => 64 };
        var device = DeviceOption();
        InRange(threads, 1, 1024);
        InRange(batch, 1, 4096);
        var command = new Command("conv", "GFLOP/s of conv2d on the vision chapter's layer shapes (batch 64); on a gpu device the copies are timed apart") { threads, backward, batch, device };
        command.SetAction(parse =>
        {
            var (t, b, on) = (parse.GetValue(threads), parse.GetValue(backward), new Device(parse.GetValue(device)!));
            output.WriteLine($"device: {DeviceTiming.Describe(on)}");
            var table = new TextTable(["shape", "pass", "threads", "GFLOP/s", "ms", "input up ms", "output back ms"], 2, 3, 4, 5, 6);
            foreach (var shape in ConvShape.Vision)
            {
                var r = ConvTiming.Measure(shape with { Batch = parse.GetValue(batch) }, t, b, on);
                table.Add(r.Shape.ToString(), b ? "fwd+bwd" : "fwd", t.ToString(), r.Gflops.ToString("F1"), (r.MedianSeconds * 1e3).ToString("F3"),
                    (r.UploadSeconds * 1e3).ToString("F3"), (r.DownloadSeconds * 1e3).ToString("F3"));
            }
            table.WriteTo(output);
            return 0;
        });
        return command;
    }

    private static Command Cpu(TextWriter output)
    {
        var quick = new Option<bool>("--quick") { Description = "Fewer GEMM sizes (256 and 1024) for a fast look" };
        var outDir = new Option<string>("--out") { Description = "Directory for the report and chart", DefaultValueFactory = _ => Path.Combine("docs", "benchmarks") };
        var command = new Command("cpu", "Measure ceilings and every CPU kernel; write docs/benchmarks/cpu-DATE.md") { quick, outDir };
        command.SetAction(parse =>
        {
            var args = parse.GetValue(quick) ? " --quick" : "";
            var options = new CpuReport.Options(parse.GetValue(outDir)!, parse.GetValue(quick), $"dotnet run --project src/Grimoire.Cli -c Release -- bench cpu{args}");
            var path = CpuReport.Write(options, step => output.WriteLine($"  measuring {step}"));
            output.WriteLine($"wrote {path}");
            return 0;
        });
        return command;
    }

    /// <summary>--device: cpu, gpu (a real accelerator; an error where there is none) or gpu-sim (ILGPU's CPU simulator).</summary>
    private static Option<string> DeviceOption()
    {
        var option = new Option<string>("--device") { Description = $"Where to run: cpu, {Gpu.Gpu.Name} (a CUDA or OpenCL accelerator) or {Gpu.Gpu.SimulatorName} (ILGPU's CPU simulator, slow)", DefaultValueFactory = _ => "cpu" };
        option.AcceptOnlyFromAmong("cpu", Gpu.Gpu.Name, Gpu.Gpu.SimulatorName);
        return option;
    }

    private static void InRange(Option<int> option, int min, int max) =>
        option.Validators.Add(result =>
        {
            var value = result.GetValueOrDefault<int>();
            if (value < min || value > max) result.AddError($"{option.Name} must be between {min} and {max}, got {value}");
        });

    private static Command Memory(TextWriter output)
    {
        var rounds = new Option<int>("--rounds") { Description = "Alternating rounds over triad, kernels and TensorPrimitives; figures are medians over them", DefaultValueFactory = _ => 5 };
        var ops = new Option<string>("--ops") { Description = $"Comma-separated subset of {string.Join(",", StreamingSweep.Ops)}", DefaultValueFactory = _ => string.Join(",", StreamingSweep.Ops) };
        InRange(rounds, 1, 100);
        ops.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<string>().Split(',').FirstOrDefault(o => !StreamingSweep.Ops.Contains(o)) is { } bad)
                result.AddError($"--ops: unknown op '{bad}' (the sweep has {string.Join(", ", StreamingSweep.Ops)})");
        });
        var command = new Command("memory", "GB/s of the memory-bound kernels on 16 Mi floats against TensorPrimitives and the STREAM triad of the same rounds") { rounds, ops };
        command.SetAction(parse =>
        {
            var threads = KernelTiming.ThreadCounts;
            var rows = StreamingSweep.Run(threads, _ => { }, parse.GetValue(rounds), parse.GetValue(ops)!.Split(','));
            var table = new TextTable(StreamingSweep.Header, 2, 3, 4, 5);
            foreach (var cells in StreamingSweep.Table(rows)) table.Add(cells);
            table.WriteTo(output);
            return 0;
        });
        return command;
    }

    private static Command Ceilings(TextWriter output)
    {
        var command = new Command("ceilings", "Measure the float32 FMA peak and the STREAM-triad memory bandwidth, per thread count");
        command.SetAction(_ =>
        {
            var table = new TextTable(["threads", "fma peak GFLOP/s", "triad GB/s"], 0, 1, 2);
            foreach (var threads in KernelTiming.ThreadCounts)
                table.Add(threads.ToString(), FmaPeak.Gflops(threads).ToString("F1"), TriadBandwidth.GigabytesPerSecond(threads).ToString("F1"));
            table.WriteTo(output);
            return 0;
        });
        return command;
    }
}
