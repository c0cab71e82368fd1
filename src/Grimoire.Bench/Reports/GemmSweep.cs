namespace Grimoire.Bench.Reports;

/// <summary>float32 GEMM for every registered contender, shape and thread count.</summary>
public static class GemmSweep
{
    public static IEnumerable<GemmTiming.Result> Run(IReadOnlyList<GemmShape> shapes, IReadOnlyList<int> threadCounts, Action<string> progress)
    {
        foreach (var kernel in KernelTiming.Contenders(Ops.OpNames.MatMul))
        foreach (var shape in shapes)
        foreach (var threads in threadCounts)
        {
            progress($"gemm {kernel.Info.Variant} {shape} threads={threads}");
            yield return GemmTiming.Run(shape, threads, kernel.Info.Variant, runs: shape.Flops >= 1e10 ? 5 : 7);
        }
    }
}
