using System.Runtime.ExceptionServices;

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
    /// caller can keep one partial result per chunk and combine them in a fixed order. The calling thread takes chunks
    /// too, so the loop finishes even when no pool thread is free (a kernel called from inside another's chunk, or many
    /// callers at once); an exception from a chunk is rethrown here, after every chunk has ended.</summary>
    public static void ForChunks(int count, int chunks, Action<int, int, int> body)
    {
        if (chunks <= 1)
        {
            if (count > 0) body(0, 0, count);
            return;
        }
        var work = new SharedChunks(count, chunks, body);
        // Plain work items instead of Parallel.For, whose first call in a process cost 17-38 ms (2 cores, ReadyToRun):
        // more than a whole k-means fit. They flow the execution context, as Parallel.For did (forced kernels are AsyncLocal).
        for (var helper = 1; helper < chunks; helper++) ThreadPool.QueueUserWorkItem(static w => w.Take(), work, preferLocal: false);
        work.Take();
        work.Wait();
    }

    /// <summary>Chunks handed out one at a time to whichever thread asks next.</summary>
    private sealed class SharedChunks(int count, int chunks, Action<int, int, int> body)
    {
        private readonly ManualResetEventSlim _done = new();
        // Both count up from −1: the next chunk to hand out, and the chunks that have ended.
        private int _next = -1;
        private int _ended = -1;
        private ExceptionDispatchInfo? _error;

        public void Take()
        {
            int chunk;
            while ((chunk = Interlocked.Increment(ref _next)) < chunks)
            {
                try
                {
                    body(chunk, (int)((long)count * chunk / chunks), (int)((long)count * (chunk + 1) / chunks));
                }
                catch (Exception e)
                {
                    Interlocked.CompareExchange(ref _error, ExceptionDispatchInfo.Capture(e), null);
                }
                if (Interlocked.Increment(ref _ended) == chunks - 1) _done.Set();
            }
        }

        /// <summary>Returns once every chunk has ended (the event is left to the GC: a helper may still be inside Set).</summary>
        public void Wait()
        {
            _done.Wait();
            _error?.Throw();
        }
    }

    private static int ReadThreadSetting()
    {
        var text = Environment.GetEnvironmentVariable("GRIMOIRE_THREADS");
        return int.TryParse(text, out var n) && n >= 1 ? n : Environment.ProcessorCount;
    }
}
