using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using Grimoire.Cpu.Simd;
using Grimoire.Kernels;

namespace Grimoire.Bench;

/// <summary>
/// The float32 FMA ceiling: a loop of independent fused multiply-adds with enough accumulators to cover
/// FMA latency times the number of FMA pipes (4 cycles x 2 pipes on current x86, so 12 is ample).
/// No load or store is in the loop, so the result is the arithmetic limit a GEMM can approach.
/// </summary>
public static class FmaPeak
{
    private const long Iterations = 20_000_000;

    /// <summary>GFLOP/s on <paramref name="threads"/> threads with the widest FMA the CPU has.</summary>
    public static double Gflops(int threads)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(threads, 1);
        var (lanes, body) = IsaSupport.IsSupported(Isa.Avx512) ? (16, (Func<long, float>)Loop<Vec512, Vector512<float>>)
            : IsaSupport.IsSupported(Isa.Avx2) ? (8, Loop<Vec256, Vector256<float>>)
            : throw new PlatformNotSupportedException("measuring the FMA peak needs AVX2+FMA or AVX-512");
        var sink = new float[threads];
        // A ceiling is what the machine can do, and load from other processes only ever slows a run: take the fastest of many short runs.
        var seconds = MedianTimer.Measure(() => Parallel.For(0, threads, new ParallelOptions { MaxDegreeOfParallelism = threads }, t => sink[t] = body(Iterations)), warmups: 1, runs: 15).Min;
        // 12 FMAs of `lanes` floats per iteration, 2 flops each.
        return threads * Iterations * 12.0 * lanes * 2 / seconds / 1e9;
    }

    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static float Loop<TW, TV>(long iterations) where TW : IVec<TV> where TV : struct
    {
        TV a = TW.Splat(0.999f), b = TW.Splat(1e-7f);
        TV c0 = TW.Splat(1f), c1 = c0, c2 = c0, c3 = c0, c4 = c0, c5 = c0, c6 = c0, c7 = c0, c8 = c0, c9 = c0, c10 = c0, c11 = c0;
        for (long i = 0; i < iterations; i++)
        {
            c0 = TW.Fma(c0, a, b); c1 = TW.Fma(c1, a, b); c2 = TW.Fma(c2, a, b); c3 = TW.Fma(c3, a, b);
            c4 = TW.Fma(c4, a, b); c5 = TW.Fma(c5, a, b); c6 = TW.Fma(c6, a, b); c7 = TW.Fma(c7, a, b);
            c8 = TW.Fma(c8, a, b); c9 = TW.Fma(c9, a, b); c10 = TW.Fma(c10, a, b); c11 = TW.Fma(c11, a, b);
        }
        TV sum = TW.Add(TW.Add(TW.Add(c0, c1), TW.Add(c2, c3)), TW.Add(TW.Add(c4, c5), TW.Add(c6, c7)));
        return TW.SumLanes(TW.Add(sum, TW.Add(TW.Add(c8, c9), TW.Add(c10, c11))));
    }
}
