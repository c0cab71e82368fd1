using System.CommandLine;
using Grimoire.Gpu;
using Grimoire.Kernels;
using Grimoire.Native;
using Grimoire.Cli.Commands;

namespace Grimoire.Cli;

/// <summary>The `grimoire` command line: every command writes to the given writers and returns an exit
/// code, so tests run it in-process.</summary>
public static class GrimoireCli
{
    /// <summary>Runs the command in <paramref name="args"/>: results go to <paramref name="stdout"/>, progress and the one-line
    /// <c>error: …</c> for bad input or a failing file to <paramref name="stderr"/>. Returns 0 on success, non-zero otherwise;
    /// other exceptions (bugs) propagate.</summary>
    public static int Run(string[] args, TextWriter stdout, TextWriter stderr)
    {
        // The command line offers every backend it ships; the CPU backend needs no call.
        KernelRegistry.AddProvider<NativeKernelProvider>();
        KernelRegistry.AddProvider<GpuKernelProvider>();
        var root = new RootCommand("GrimoireEngine: tensors, autodiff and hand-tuned kernels for the models of The I2 Grimoire")
        {
            InfoCommand.Create(stdout),
            KernelsCommand.Create(stdout),
            DemoCommand.Create(stdout),
            BenchCommand.Create(stdout),
            ReportCommand.Create(stdout, stderr),
            ModelCommands.Models(stdout),
            ModelCommands.Fit(stdout, stderr),
            ModelCommands.Predict(stdout),
            TrainCommand.Create(stdout, stderr),
            RlCommands.Create(stdout, stderr),
            EmbedCommands.Create(stdout, stderr),
            TokenizeCommands.Create(stdout),
            LmCommands.Create(stdout, stderr),
            RlhfCommands.Create(stdout, stderr),
            NlpCommands.Create(stdout, stderr),
        };
        try
        {
            return root.Parse(args).Invoke(new InvocationConfiguration { Output = stdout, Error = stderr, EnableDefaultExceptionHandler = false });
        }
        catch (DeviceUnavailableException e) when (e.Alternative is not null)
        {
            stderr.WriteLine($"error: no {e.Device.ToUpperInvariant()} device ({e.Reason}); use --device {e.Alternative} for the CPU simulator");
            return 1;
        }
        catch (Exception e) when (e is GrimoireException or ArgumentException or InvalidOperationException or IOException or UnauthorizedAccessException)
        {
            stderr.WriteLine($"error: {e.Message}");
            return 1;
        }
    }
}
