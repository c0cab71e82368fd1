namespace Grimoire.Kernels;

/// <summary>Splits loops over the host's cores once the work is big enough to repay the hand-off. It lives in Core, not
/// in the CPU backend, so that code above the kernel layer (the classical models' fused passes in Grimoire.Ml) shares
/// the kernels' thread setting; <c>Grimoire.Cpu.CpuParallel</c> is the same setting under the backend's name.</summary>
public static class HostParallel
{
    private static int s_threads = ReadThreadSetting();

    /// <summary>Worker threads kernels may use: GRIMOIRE_THREADS, else the processor count.</summary>
    public static int Threads
    {
        get => s_threads;
        set
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, 1);
            s_threads = value;
        }
    }

    /// <summary>Elements of streaming work below which one thread is faster than two.</summary>
    public const int MinElementsPerThread = 1 << 16;

    /// <summary>The fewest items a chunk may hold so each thread gets at least <see cref="MinElementsPerThread"/>
    /// elements of work, when one item is <paramref name="elementsPerItem"/> elements (a row, a plane, a block).</summary>
    public static int MinItemsPerChunk(long elementsPerItem) => (int)Math.Max(1, MinElementsPerThread / Math.Max(1, elementsPerItem));

    /// <summary>How many chunks <see cref="For"/> splits <paramref name="count"/> items into: at most <see cref="Threads"/>,
    /// each covering at least <paramref name="minPerChunk"/> items, and at least one when there is any item.</summary>
    public static int Chunks(int count, int minPerChunk) => count <= 0 ? 0 : Math.Max(1, Math.Min(Threads, count / Math.Max(1, minPerChunk)));

    /// <summary>Runs body(start, end) over [0, count) in <see cref="Chunks"/> chunks; on the calling thread when one
    /// chunk suffices.</summary>
    public static void For(int count, int minPerChunk, Action<int, int> body) =>
        ForChunks(count, Chunks(count, minPerChunk), (_, start, end) => body(start, end));

    /// <summary>Runs body(chunk, start, end) for chunk = 0 … chunks − 1, the chunks tiling [0, count) in order, so a
    /// caller can keep one partial result per chunk and combine them in a fixed order. The chunks go to the calling
    /// thread and to whichever of the idle helper threads (<see cref="HelperThreads"/>) ask first, under the caller's
    /// execution context; the caller takes chunks too, so the loop finishes when every helper is busy (a kernel called
    /// from inside another's chunk, or many callers at once). An exception from a chunk is rethrown here, after every
    /// chunk has ended.</summary>
    public static void ForChunks(int count, int chunks, Action<int, int, int> body)
    {
        if (chunks <= 1)
        {
            if (count > 0) body(0, 0, count);
            return;
        }
        var work = new SharedChunks(count, chunks, body);
        HelperThreads.Offer(work, chunks - 1);
        work.Take();
        work.Wait();
    }

    private static int ReadThreadSetting()
    {
        var text = Environment.GetEnvironmentVariable("GRIMOIRE_THREADS");
        return int.TryParse(text, out var n) && n >= 1 ? n : Environment.ProcessorCount;
    }
}
