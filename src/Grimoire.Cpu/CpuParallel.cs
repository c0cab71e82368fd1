namespace Grimoire.Cpu;

/// <summary>Splits loops over the CPU's cores once the work is big enough to repay the hand-off.</summary>
public static class CpuParallel
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

    /// <summary>Runs body(start, end) over [0, count) in at most <see cref="Threads"/> chunks, each covering at
    /// least <paramref name="minPerChunk"/> items; on the calling thread when one chunk suffices.</summary>
    public static void For(int count, int minPerChunk, Action<int, int> body)
    {
        var chunks = Math.Min(Threads, count / Math.Max(1, minPerChunk));
        if (chunks <= 1)
        {
            if (count > 0) body(0, count);
            return;
        }
        Parallel.For(0, chunks, new ParallelOptions { MaxDegreeOfParallelism = chunks }, c =>
        {
            var start = (int)((long)count * c / chunks);
            var end = (int)((long)count * (c + 1) / chunks);
            body(start, end);
        });
    }

    private static int ReadThreadSetting()
    {
        var text = Environment.GetEnvironmentVariable("GRIMOIRE_THREADS");
        return int.TryParse(text, out var n) && n >= 1 ? n : Environment.ProcessorCount;
    }
}
