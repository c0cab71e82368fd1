using System.Runtime.InteropServices;
using Grimoire.Cpu;
using Grimoire.Kernels;

namespace Grimoire.Bench.Reports;

/// <summary>What a benchmark report must say about where it ran.</summary>
public static class MachineDescription
{
    public static string Describe() =>
        $"{CpuModel()}, {Environment.ProcessorCount} logical processors, {Caches()}; " +
        $"{RuntimeInformation.OSDescription}, {RuntimeInformation.FrameworkDescription}; kernel ISAs usable: {UsableIsas()}";

    /// <summary>The kernel instruction sets usable here, e.g. "AVX2, AVX-512".</summary>
    public static string UsableIsas() =>
        string.Join(", ", Enum.GetValues<Isa>().Where(i => i != Isa.None && IsaSupport.IsSupported(i)).Select(i => i.Name()));

    /// <summary>The CPU's model name (/proc/cpuinfo), or the architecture where that is not readable.</summary>
    public static string CpuModel()
    {
        const string cpuinfo = "/proc/cpuinfo";
        var line = File.Exists(cpuinfo) ? File.ReadLines(cpuinfo).FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal)) : null;
        return line?.Split(':', 2)[1].Trim() ?? RuntimeInformation.ProcessArchitecture.ToString();
    }

    /// <summary>Per-core cache sizes as the CPU reports them (<see cref="CpuCaches"/>).</summary>
    public static string Caches() => CpuCaches.Current.ToString();
}
