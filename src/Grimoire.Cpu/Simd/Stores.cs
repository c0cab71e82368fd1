using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics.X86;

namespace Grimoire.Cpu.Simd;

/// <summary>How a kernel writes its output vectors; a type parameter so one loop body serves both.</summary>
internal unsafe interface IStorePolicy
{
    static abstract void Store<TW, TV>(float* p, TV v) where TW : IVec<TV> where TV : struct;

    /// <summary>Called once a thread has written its part, before others may read it.</summary>
    static abstract void Finish();
}

/// <summary>Ordinary stores: the output stays in cache for the next op.</summary>
internal readonly unsafe struct CachedStores : IStorePolicy
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store<TW, TV>(float* p, TV v) where TW : IVec<TV> where TV : struct => TW.Store(p, v);

    public static void Finish() { }
}

/// <summary>Non-temporal stores (the address must be vector-aligned): for outputs too large to stay cached,
/// they skip the read-for-ownership of every line, a third of the traffic of a binary op.</summary>
internal readonly unsafe struct StreamingStores : IStorePolicy
{
    /// <summary>Outputs at least this large are streamed: the size of the last-level cache, so the output could not stay
    /// cached for the next op anyway, and the stores skip reading every line before writing it.</summary>
    public static long ThresholdBytes => CpuCaches.Current.LastLevel;

    public static bool Pays(long outputElements) => outputElements * sizeof(float) >= ThresholdBytes;

    /// <summary>Whether <paramref name="p"/> sits on a <typeparamref name="TW"/> vector boundary, as these stores need:
    /// kernels write a scalar head until it does.</summary>
    public static bool Aligned<TW, TV>(float* p) where TW : IVec<TV> where TV : struct => ((nint)p & (TW.Count * sizeof(float) - 1)) == 0;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store<TW, TV>(float* p, TV v) where TW : IVec<TV> where TV : struct => TW.StoreStreaming(p, v);

    // Non-temporal stores are weakly ordered; the fence makes them visible before the parallel loop joins.
    public static void Finish()
    {
        if (Sse.IsSupported) Sse.StoreFence();
    }
}
