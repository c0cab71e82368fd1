namespace Grimoire.Bench.Reports;

/// <summary>Square float32 GEMM for every registered contender, size and thread count.</summary>
public static class GemmSweep
{
    public static IEnumerable<GemmTiming.Result> Run(IReadOnlyList<int> sizes, IReadOnlyList<int> threadCounts, Action<string> progress)
    {
        foreach (var kernel in KernelTiming.Contenders(Ops.OpNames.MatMul))
        foreach (var n in sizes)
        foreach (var threads in threadCounts)
        {
            progress($"gemm {kernel.Info.Variant} n={n} threads={threads}");
            yield return GemmTiming.Run(n, threads, kernel.Info.Variant, runs: n >= 2048 ? 5 : 7);
        }
    }
}
