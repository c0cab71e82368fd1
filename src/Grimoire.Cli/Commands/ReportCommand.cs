using System.CommandLine;
using Grimoire.Bench.Reports.Comparison;
using Grimoire.IO;

namespace Grimoire.Cli.Commands;

/// <summary>`grimoire report`: the CPU-vs-GPU benchmark report (Grimoire.Bench.Reports.Comparison) as HTML, Markdown, CSV and JSON.</summary>
internal static class ReportCommand
{
    public static Command Create(TextWriter output, TextWriter progress)
    {
        var outDir = new Option<string>("--out") { Description = "Directory for report.html, report.md, report.csv, report.json and the plots", DefaultValueFactory = _ => "report" };
        var quick = new Option<bool>("--quick") { Description = "Fewer sizes, kernels at one thread count, short warm-up (under two minutes on two cores)" };
        var devices = new Option<string>("--devices") { Description = "Comma-separated devices to measure: cpu, gpu, gpu-sim (ILGPU's CPU simulator, to exercise the GPU path; slow, and not a GPU). A device not on this machine is reported as not measured", DefaultValueFactory = _ => "cpu,gpu" };
        var peers = new Option<bool>("--peers") { Description = "Also time libtorch (Debian python3-torch) on the GEMM, convolution and model steps" };
        var command = new Command("report", "Measure every kernel and model step on each device and write a self-contained HTML report with Markdown, CSV and JSON") { outDir, quick, devices, peers };
        command.SetAction(parse =>
        {
            var list = parse.GetValue(devices)!.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
            var options = new ReportOptions(parse.GetValue(outDir)!, parse.GetValue(quick), list, parse.GetValue(peers), "grimoire " + string.Join(' ', parse.Tokens.Select(t => t.Value)));
            OutputFolder.Ensure(options.OutputDirectory); // before minutes of measuring, not after
            var data = BenchmarkReport.Measure(options, step => progress.WriteLine($"  measuring {step}"));
            foreach (var path in ReportFiles.Write(data, options.OutputDirectory)) output.WriteLine($"wrote {path}");
            return 0;
        });
        return command;
    }
}
