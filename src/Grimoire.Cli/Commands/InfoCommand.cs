using System.CommandLine;
using System.Runtime.InteropServices;
using Grimoire.Cpu;
using Grimoire.Cpu.Gemm;
using Grimoire.Gpu;
using Grimoire.Kernels;
using Grimoire.Native;

namespace Grimoire.Cli.Commands;

/// <summary>`grimoire info`: version, runtime, detected instruction sets, threads, kernel overrides, native library, accelerators.</summary>
internal static class InfoCommand
{
    public static Command Create(TextWriter output)
    {
        var command = new Command("info", "Show the engine version, detected instruction sets and thread count");
        command.SetAction(_ =>
        {
            var version = typeof(Tensor).Assembly.GetName().Version?.ToString(3) ?? "unknown";
            output.WriteLine($"GrimoireEngine {version}");
            output.WriteLine($"runtime:   {RuntimeInformation.FrameworkDescription} on {RuntimeInformation.OSDescription} ({RuntimeInformation.ProcessArchitecture})");
            output.WriteLine($"cpu:       {Environment.ProcessorCount} logical processors");
            output.WriteLine($"threads:   {CpuParallel.Threads} (set GRIMOIRE_THREADS to change)");
            output.WriteLine($"overrides: {KernelRegistry.EnvironmentVariable}={KernelRegistry.EnvironmentOverrides}");
            output.WriteLine("instruction sets:");
            foreach (var (name, supported) in IsaSupport.Features()) output.WriteLine($"  {name,-22} {(supported ? "yes" : "no")}");
            var best = Enum.GetValues<Isa>().Where(IsaSupport.IsSupported).Max();
            output.WriteLine($"widest kernel ISA usable: {best.Name()}");
            foreach (var line in GemmBlockingInfo.Describe()) output.WriteLine(line);
            foreach (var line in NativeInfo.Describe()) output.WriteLine(line);
            output.WriteLine("accelerators (ILGPU):");
            foreach (var line in GpuInfo.Describe().Split('\n')) output.WriteLine($"  {line}");
            return 0;
        });
        return command;
    }
}
