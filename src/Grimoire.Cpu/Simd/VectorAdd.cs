using System.Numerics;
using System.Runtime.CompilerServices;

namespace Grimoire.Cpu.Simd;

/// <summary>dst[i] += src[i] over a run. Written out rather than calling TensorPrimitives.Add: a fold makes one call per
/// run (10⁵ per conv layer), and TensorPrimitives' small entry methods stay in unoptimised tier-0 code until tiered
/// compilation's call-counting delay has passed, which made the first hundreds of folds 7x slower.</summary>
internal static unsafe class VectorAdd
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Into<T>(T* dst, T* src, long count) where T : unmanaged, INumberBase<T>
    {
        long i = 0;
        for (; i <= count - Vector<T>.Count; i += Vector<T>.Count)
            Vector.Store(Vector.Load(dst + i) + Vector.Load(src + i), dst + i);
        for (; i < count; i++) dst[i] += src[i];
    }
}
