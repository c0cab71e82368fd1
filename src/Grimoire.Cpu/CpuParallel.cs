using Grimoire.Kernels;

namespace Grimoire.Cpu;

/// <summary>The backend's name for <see cref="HostParallel"/>: one thread setting and one way of splitting loops for
/// every CPU kernel and the classical models' fused passes.</summary>
public static class CpuParallel
{
    /// <inheritdoc cref="HostParallel.Threads"/>
    public static int Threads
    {
        get => HostParallel.Threads;
        set => HostParallel.Threads = value;
    }

    /// <inheritdoc cref="HostParallel.MinElementsPerThread"/>
    public const int MinElementsPerThread = HostParallel.MinElementsPerThread;

    /// <inheritdoc cref="HostParallel.MinItemsPerChunk"/>
    public static int MinItemsPerChunk(long elementsPerItem) => HostParallel.MinItemsPerChunk(elementsPerItem);

    /// <inheritdoc cref="HostParallel.For"/>
    public static void For(int count, int minPerChunk, Action<int, int> body) => HostParallel.For(count, minPerChunk, body);

    /// <inheritdoc cref="HostParallel.ForChunks"/>
    public static void ForChunks(int count, int chunks, Action<int, int, int> body) => HostParallel.ForChunks(count, chunks, body);
}
