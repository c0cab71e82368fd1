using Grimoire.Cpu;
using Grimoire.Kernels;

namespace Grimoire.Bench;

/// <summary>Times a registered kernel's body on prepared operands, with a given number of threads.</summary>
public static class KernelTiming
{
    /// <summary>The thread counts every benchmark reports: one, and every logical processor.</summary>
    public static int[] ThreadCounts => [.. new[] { 1, Environment.ProcessorCount }.Distinct()];

    /// <summary>All usable kernels of <paramref name="op"/> for float32 on <paramref name="device"/> (the host by default)
    /// except the reference, best first.</summary>
    public static IReadOnlyList<Kernel> Contenders(string op, string device = "cpu") =>
        KernelRegistry.All
            .Where(k => k.Info.Op == op && k.Info.DType == DType.Float32 && k.Info.Device == device && k.Info.IsUsable && !k.Info.IsReference)
            .OrderByDescending(k => k.Info.Priority)
            .ToList();

    public static double MedianSeconds(Kernel kernel, Tensor[] inputs, Tensor output, object? attributes, int threads, int runs = 7) =>
        WithThreads(threads, () => MedianTimer.Seconds(() => kernel.Run(inputs, output, attributes), warmups: 2, runs: runs));

    /// <summary>Runs <paramref name="measure"/> with <see cref="CpuParallel.Threads"/> set, restoring it afterwards.</summary>
    public static T WithThreads<T>(int threads, Func<T> measure)
    {
        var previous = CpuParallel.Threads;
        CpuParallel.Threads = threads;
        try
        {
            return measure();
        }
        finally
        {
            CpuParallel.Threads = previous;
        }
    }
}
