using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics.X86;
using Grimoire.Cpu.Simd;
using Grimoire.Ops;

namespace Grimoire.Cpu.Kernels;

/// <summary>A reduction's combine step and identity, for every width.</summary>
internal interface IReduceFunction
{
    static abstract float Identity { get; }

    static abstract TV Combine<TW, TV>(TV a, TV b) where TW : IVec<TV> where TV : struct;

    static abstract float Finish<TW, TV>(TV a) where TW : IVec<TV> where TV : struct;
}

internal struct SumReduce : IReduceFunction
{
    public static float Identity => 0f;

    public static TV Combine<TW, TV>(TV a, TV b) where TW : IVec<TV> where TV : struct => TW.Add(a, b);

    public static float Finish<TW, TV>(TV a) where TW : IVec<TV> where TV : struct => TW.SumLanes(a);
}

internal struct MaxReduce : IReduceFunction
{
    public static float Identity => float.NegativeInfinity;

    public static TV Combine<TW, TV>(TV a, TV b) where TW : IVec<TV> where TV : struct => MaximumFn.Apply<TW, TV>(a, b);

    public static float Finish<TW, TV>(TV a) where TW : IVec<TV> where TV : struct => TW.MaxLanes(a);
}

/// <summary>sum, max and argmax over [outer, length, inner] at width <typeparamref name="TW"/>.</summary>
internal static unsafe class SimdReduce<TW, TV> where TW : IVec<TV> where TV : struct
{
    /// <summary>Elements summed in float before the block total is added in double: bounds rounding
    /// growth on long rows at no measurable cost.</summary>
    private const int Block = 4096;

    /// <summary>Elements per share of a whole-tensor reduction: a multiple of <see cref="Block"/>, large enough that a
    /// thread's share outweighs scheduling it.</summary>
    private const int Span = 64 * Block;

    /// <summary>How far ahead (floats: 8 KiB, about memory latency × one core's bandwidth, rounded up to whole pages) the
    /// 256-bit loop prefetches a long row. With two loads per cache line the core keeps half as many lines in flight
    /// as with 512-bit loads, and one thread's read stream stalled at 82-85 % of the triad; the prefetch raised it by
    /// 10-23 % (AVX2 process, alternating rounds). At 512 bits it cost 5-13 %, so that width does without.</summary>
    private const int PrefetchDistance = 2048;

    public static void Reduce<TF>(ReadOnlySpan<Tensor> inputs, Tensor output, object? attributes) where TF : IReduceFunction
    {
        var s = (ReduceAttributes)attributes!;
        var x = inputs[0].HostPointer<float>();
        var y = output.HostPointer<float>();
        if (s.Outer == 1 && s.Inner == 1 && s.Length >= 2 * Span)
        {
            *y = ReduceLongRow<TF>(x, s.Length);
            return;
        }
        var perOuter = CpuParallel.MinItemsPerChunk((long)s.Length * s.Inner);
        CpuParallel.For(s.Outer, perOuter, [MethodImpl(MethodImplOptions.AggressiveOptimization)] (o0, o1) =>
        {
            for (var o = o0; o < o1; o++)
            {
                var src = x + (long)o * s.Length * s.Inner;
                if (s.Inner == 1) y[o] = ReduceRow<TF>(src, s.Length);
                else ReduceColumns<TF>(src, s.Length, s.Inner, y + (long)o * s.Inner);
            }
        });
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void ArgMax(ReadOnlySpan<Tensor> inputs, Tensor output, object? attributes)
    {
        var s = (ReduceAttributes)attributes!;
        var x = inputs[0].HostPointer<float>();
        var y = output.HostPointer<int>();
        for (var o = 0; o < s.Outer; o++)
        {
            var src = x + (long)o * s.Length * s.Inner;
            if (s.Inner == 1)
            {
                // Find the maximum with vectors, then the first position holding it.
                var max = ReduceRow<MaxReduce>(src, s.Length);
                var i = 0;
                while (i < s.Length - 1 && src[i] != max) i++;
                y[o] = i;
                continue;
            }
            for (var j = 0; j < s.Inner; j++)
            {
                var best = 0;
                for (var r = 1; r < s.Length; r++)
                {
                    if (src[(long)r * s.Inner + j] > src[(long)best * s.Inner + j]) best = r;
                }
                y[(long)o * s.Inner + j] = best;
            }
        }
    }

    /// <summary>A whole tensor reduced to one value: spans of <see cref="Span"/> elements reduced on all threads, their
    /// results combined in span order, so the value does not depend on the thread count.</summary>
    private static float ReduceLongRow<TF>(float* src, int n) where TF : IReduceFunction
    {
        var spans = (n + Span - 1) / Span;
        var partials = new double[spans];
        CpuParallel.For(spans, 1, [MethodImpl(MethodImplOptions.AggressiveOptimization)] (s0, s1) =>
        {
            for (var k = s0; k < s1; k++) partials[k] = ReduceWide<TF>(src + (long)k * Span, Math.Min(Span, n - k * Span));
        });
        var total = partials[0];
        for (var k = 1; k < spans; k++) total = typeof(TF) == typeof(SumReduce) ? total + partials[k] : TF.Combine<Vec1, float>((float)total, (float)partials[k]);
        return (float)total;
    }

    /// <summary>Reduces one contiguous row with four independent accumulators (hides FMA/add latency).</summary>
    private static float ReduceRow<TF>(float* src, int n) where TF : IReduceFunction => (float)ReduceWide<TF>(src, n);

    /// <summary><see cref="ReduceRow{TF}"/> before its final rounding: a sum stays in double.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static double ReduceWide<TF>(float* src, int n) where TF : IReduceFunction
    {
        var total = typeof(TF) == typeof(SumReduce) ? 0.0 : TF.Identity;
        for (var start = 0; start < n; start += Block)
        {
            var end = Math.Min(n, start + Block);
            var identity = TW.Splat(TF.Identity);
            var (a0, a1, a2, a3) = (identity, identity, identity, identity);
            var prefetch = TW.Count == 8 && Sse.IsSupported && end + PrefetchDistance <= n; // never past the row
            var i = start;
            for (; i <= end - 4 * TW.Count; i += 4 * TW.Count)
            {
                if (prefetch)
                {
                    Sse.Prefetch0(src + i + PrefetchDistance);
                    Sse.Prefetch0(src + i + PrefetchDistance + 16);
                }
                a0 = TF.Combine<TW, TV>(a0, TW.Load(src + i));
                a1 = TF.Combine<TW, TV>(a1, TW.Load(src + i + TW.Count));
                a2 = TF.Combine<TW, TV>(a2, TW.Load(src + i + 2 * TW.Count));
                a3 = TF.Combine<TW, TV>(a3, TW.Load(src + i + 3 * TW.Count));
            }
            for (; i <= end - TW.Count; i += TW.Count) a0 = TF.Combine<TW, TV>(a0, TW.Load(src + i));
            var block = TF.Finish<TW, TV>(TF.Combine<TW, TV>(TF.Combine<TW, TV>(a0, a1), TF.Combine<TW, TV>(a2, a3)));
            for (; i < end; i++) block = TF.Combine<Vec1, float>(block, src[i]);
            total = typeof(TF) == typeof(SumReduce) ? total + block : TF.Combine<Vec1, float>((float)total, block);
        }
        return total;
    }

    /// <summary>Reduces <paramref name="rows"/> rows of <paramref name="width"/> elements into one row. Sums of more than
    /// <see cref="ColumnBlock"/> rows add each block's float partial sums into double totals, so no element's chain of
    /// float adds is longer than a block (down 70001 rows of equal values, one float chain was off by 6·10⁻⁴).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void ReduceColumns<TF>(float* src, int rows, int width, float* dst) where TF : IReduceFunction
    {
        if (typeof(TF) != typeof(SumReduce) || rows <= ColumnBlock)
        {
            AccumulateRows<TF>(src, rows, width, dst);
            return;
        }
        var partial = new float[width];
        var totals = new double[width];
        fixed (float* p = partial)
        {
            for (var r0 = 0; r0 < rows; r0 += ColumnBlock)
            {
                AccumulateRows<TF>(src + (long)r0 * width, Math.Min(ColumnBlock, rows - r0), width, p);
                for (var j = 0; j < width; j++) totals[j] += p[j];
            }
        }
        for (var j = 0; j < width; j++) dst[j] = (float)totals[j];
    }

    private const int ColumnBlock = 64;

    /// <summary><paramref name="dst"/> = the combination of <paramref name="rows"/> rows, one float chain per element.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void AccumulateRows<TF>(float* src, int rows, int width, float* dst) where TF : IReduceFunction
    {
        new Span<float>(dst, width).Fill(TF.Identity);
        for (var r = 0; r < rows; r++)
        {
            var row = src + (long)r * width;
            var j = 0;
            for (; j <= width - TW.Count; j += TW.Count) TW.Store(dst + j, TF.Combine<TW, TV>(TW.Load(dst + j), TW.Load(row + j)));
            for (; j < width; j++) dst[j] = TF.Combine<Vec1, float>(dst[j], row[j]);
        }
    }
}
