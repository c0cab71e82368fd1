namespace Grimoire.Cpu.Convolution;

/// <summary>How the convolution kernels cut their work items into chunks for <see cref="CpuParallel.ForChunks"/>: several
/// chunks per thread, handed out one at a time, not one chunk per thread. A helper thread can wake late (on a loaded
/// machine, or a virtual CPU that was halted), and a vision layer's call lasts only 1-2 ms: with one chunk per thread the
/// caller would by then have started the helper's half too, so the call ran on one thread; with small chunks the late
/// helper still takes what is left. Every chunk stays large enough to repay its hand-off.</summary>
internal static class ConvSplit
{
    private const int ChunksPerThread = 4;

    // A chunk should be at least this many flops, or the hand-off costs more than it saves (as Sgemm's).
    private const long MinFlopsPerChunk = 2_000_000;

    /// <summary>The most chunks a call is cut into.</summary>
    public static int MostChunks => CpuParallel.Threads <= 1 ? 1 : ChunksPerThread * CpuParallel.Threads;

    /// <summary>Chunks for <paramref name="items"/> items of <paramref name="itemFlops"/> flops each: one on one thread.</summary>
    public static int Chunks(long items, long itemFlops)
    {
        if (MostChunks == 1 || items <= 1) return (int)Math.Min(items, 1);
        var byWork = Math.Max(1, items * Math.Max(1, itemFlops) / MinFlopsPerChunk);
        return (int)Math.Min(Math.Min(items, byWork), MostChunks);
    }
}
