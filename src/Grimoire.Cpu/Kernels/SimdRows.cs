using System.Buffers;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics.X86;
using Grimoire.Cpu.Simd;
using Grimoire.Ops;

namespace Grimoire.Cpu.Kernels;

/// <summary>Row-wise fused kernels (softmax, log-softmax, cross-entropy) and MSE at width <typeparamref name="TW"/>.</summary>
internal static unsafe class SimdRows<TW, TV> where TW : IVec<TV> where TV : struct
{
    public static void Softmax(ReadOnlySpan<Tensor> inputs, Tensor output, object? attributes) => Rows(inputs[0], output, (ReduceAttributes)attributes!, log: false);

    public static void LogSoftmax(ReadOnlySpan<Tensor> inputs, Tensor output, object? attributes) => Rows(inputs[0], output, (ReduceAttributes)attributes!, log: true);

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void CrossEntropy(ReadOnlySpan<Tensor> inputs, Tensor output, object? attributes)
    {
        var (n, c) = (inputs[0].Shape[0], inputs[0].Shape[1]);
        var x = inputs[0].HostPointer<float>();
        var labels = inputs[1].HostPointer<int>();
        var total = 0.0;
        for (var row = 0; row < n; row++)
        {
            var src = x + (long)row * c;
            var max = Max(src, c);
            total += max + Math.Log(SumExp(src, c, max, null)) - src[labels[row]];
        }
        *output.HostPointer<float>() = n == 0 ? float.NaN : (float)(total / n);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Mse(ReadOnlySpan<Tensor> inputs, Tensor output, object? attributes)
    {
        var a = inputs[0].HostPointer<float>();
        var b = inputs[1].HostPointer<float>();
        var n = inputs[0].Size;
        var total = 0.0;
        const int block = 4096;
        for (var start = 0; start < n; start += block)
        {
            var end = Math.Min(n, start + block);
            var acc = TW.Splat(0f);
            var i = start;
            for (; i <= end - TW.Count; i += TW.Count)
            {
                var d = TW.Sub(TW.Load(a + i), TW.Load(b + i));
                acc = TW.Fma(d, d, acc);
            }
            var sum = TW.SumLanes(acc);
            for (; i < end; i++) sum += (a[i] - b[i]) * (a[i] - b[i]);
            total += sum;
        }
        *output.HostPointer<float>() = n == 0 ? float.NaN : (float)(total / n);
    }

    private static void Rows(Tensor input, Tensor output, ReduceAttributes s, bool log)
    {
        if (log) LogRows(input.HostPointer<float>(), output.HostPointer<float>(), s.Outer, s.Length);
        else if (StreamingStores.Pays(output.Size)) SoftmaxRows<StreamingStores>(input.HostPointer<float>(), output.HostPointer<float>(), s.Outer, s.Length);
        else SoftmaxRows<CachedStores>(input.HostPointer<float>(), output.HostPointer<float>(), s.Outer, s.Length);
    }

    /// <summary>Rows up to this many floats (a quarter of a core's L2) stay cached through softmax's passes: the pipelined
    /// form holds at most four such rows (this one, the next being prefetched, two scratch rows); longer rows take the
    /// online form, which reads the input from memory twice.</summary>
    internal static int InCacheRowLimit => (int)Math.Min(CpuCaches.Current.L2OrDefault / (4 * sizeof(float)), 1 << 24);

    private static void SoftmaxRows<TS>(float* x, float* y, int rows, int cols) where TS : IStorePolicy =>
        CpuParallel.For(rows, CpuParallel.MinItemsPerChunk(cols), [MethodImpl(MethodImplOptions.AggressiveOptimization)] (r0, r1) =>
        {
            if (cols > InCacheRowLimit)
            {
                for (var row = r0; row < r1; row++) OnlineRow<TS>(x + (long)row * cols, y + (long)row * cols, cols);
                TS.Finish();
                return;
            }
            PipelinedRows<TS>(x, y, r0, r1, cols);
        });

    /// <summary>Rows that stay cached, software-pipelined so memory traffic overlaps the arithmetic: while row r's
    /// exponentials are computed, the loop also writes row r − 1's result and prefetches row r + 1, whose maximum is
    /// then found in L1. Done in separate passes, each row would wait for its read, compute, then wait for its writes.
    /// Streamed outputs keep the exponentials in two cached scratch rows (the output's lines are written once, without
    /// being read first); cached outputs hold them in place.</summary>
    private static void PipelinedRows<TS>(float* x, float* y, int r0, int r1, int cols) where TS : IStorePolicy
    {
        var streamed = typeof(TS) == typeof(StreamingStores);
        var scratch = streamed ? ArrayPool<float>.Shared.Rent(2 * cols) : null;
        fixed (float* buffer = scratch)
        {
            Pending previous = default;
            for (var row = r0; row < r1; row++)
            {
                float* src = x + (long)row * cols, dst = y + (long)row * cols;
                var exps = streamed ? buffer + (row & 1) * cols : dst;
                var next = row + 1 < r1 ? src + cols : src; // the last row prefetches itself: harmless, never past the chunk
                var (max, min) = MaxAndMin(src, cols);
                // min − max rounds down no further than any x − max, so no lane of this row falls below the exponential's range.
                var sum = min - max >= VMath.ExpMin
                    ? SumExpOverlapped<TS, InRangeExp>(src, cols, max, exps, next, in previous)
                    : SumExpOverlapped<TS, GuardedExp>(src, cols, max, exps, next, in previous);
                previous = new Pending(exps, dst, 1f / sum);
            }
            if (previous.Dst != null) ScaleRow<TS>(previous.Exps, previous.Dst, cols, previous.Inverse);
        }
        if (scratch != null) ArrayPool<float>.Shared.Return(scratch);
        TS.Finish();
    }

    /// <summary>How a row's e^(x − max) are taken: <see cref="GuardedExp"/> for any row, <see cref="InRangeExp"/> (two
    /// operations fewer per vector) for rows whose every x − max is at least <see cref="VMath.ExpMin"/>; the same bits.</summary>
    private interface IRowExp
    {
        static abstract T Exp<TW2, T>(T x) where TW2 : IVec<T> where T : struct;
    }

    private readonly struct GuardedExp : IRowExp
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static T Exp<TW2, T>(T x) where TW2 : IVec<T> where T : struct => VMath.ExpNonPositive<TW2, T>(x);
    }

    private readonly struct InRangeExp : IRowExp
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static T Exp<TW2, T>(T x) where TW2 : IVec<T> where T : struct => VMath.ExpNonPositiveInRange<TW2, T>(x);
    }

    /// <summary>A row whose exponentials are known but not yet scaled into its output.</summary>
    private readonly struct Pending(float* exps, float* dst, float inverse)
    {
        public readonly float* Exps = exps, Dst = dst;
        public readonly float Inverse = inverse;
    }

    /// <summary><see cref="SumExp"/> that also writes <paramref name="previous"/>'s output (one vector per vector of this
    /// row, on vector-aligned addresses for streaming stores) and prefetches <paramref name="next"/>, one line per 64
    /// bytes; the rest of the previous row is written after the loop.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static float SumExpOverlapped<TS, TE>(float* src, int n, float max, float* store, float* next, in Pending previous) where TS : IStorePolicy where TE : IRowExp
    {
        var (m, acc0, acc1) = (TW.Splat(max), TW.Splat(0f), TW.Splat(0f));
        float* pe = previous.Exps, pd = previous.Dst;
        var scale = TW.Splat(previous.Inverse);
        // The previous row's next element to write: a scalar head first aligns its output.
        var j = pd != null ? ScaleHead(pe, pd, n, previous.Inverse) : 0;
        var jEnd = pd != null ? n - 2 * TW.Count : -1;
        var i = 0;
        for (; i <= n - 2 * TW.Count; i += 2 * TW.Count)
        {
            Sse.Prefetch0(next + i);
            if (TW.Count == 16) Sse.Prefetch0(next + i + 16);
            var e0 = TE.Exp<TW, TV>(TW.Sub(TW.Load(src + i), m));
            var e1 = TE.Exp<TW, TV>(TW.Sub(TW.Load(src + i + TW.Count), m));
            TW.Store(store + i, e0);
            TW.Store(store + i + TW.Count, e1);
            acc0 = TW.Add(acc0, e0);
            acc1 = TW.Add(acc1, e1);
            if (j <= jEnd)
            {
                TS.Store<TW, TV>(pd + j, TW.Mul(TW.Load(pe + j), scale));
                TS.Store<TW, TV>(pd + j + TW.Count, TW.Mul(TW.Load(pe + j + TW.Count), scale));
                j += 2 * TW.Count;
            }
        }
        // This row's tail first: accumulators live across the call below would be spilled to the stack on every iteration.
        var sum = SumExpFrom<TE>(src, i, n, max, acc0, acc1, store);
        if (pd != null) ScaleFrom<TS>(pe, pd, j, n, previous.Inverse);
        return sum;
    }

    /// <summary>Online softmax (Milakov and Gimelshein 2018) for rows too long to stay cached: one pass keeps a running
    /// maximum and rescales the running sum whenever a block raises it, the second writes e^(x − max)/sum, so the row is
    /// read from memory twice instead of three times. Blocks are L1-sized: each is read twice, the second time from L1.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void OnlineRow<TS>(float* src, float* dst, int cols) where TS : IStorePolicy
    {
        const int block = 2048;
        var (max, sum) = (float.NegativeInfinity, 0.0);
        for (var b = 0; b < cols; b += block)
        {
            var n = Math.Min(block, cols - b);
            var blockMax = Max(src + b, n);
            if (blockMax > max)
            {
                sum *= VMath.ExpNonPositive<Vec1, float>(max - blockMax);
                max = blockMax;
            }
            sum += SumExp(src + b, n, max, null);
        }
        var (m, inverse) = (TW.Splat(max), (float)(1 / sum));
        var scale = TW.Splat(inverse);
        var i = 0;
        for (; i < cols && !StreamingStores.Aligned<TW, TV>(dst + i); i++) dst[i] = VMath.ExpNonPositive<Vec1, float>(src[i] - max) * inverse;
        for (; i <= cols - TW.Count; i += TW.Count) TS.Store<TW, TV>(dst + i, TW.Mul(VMath.ExpNonPositive<TW, TV>(TW.Sub(TW.Load(src + i), m)), scale));
        for (; i < cols; i++) dst[i] = VMath.ExpNonPositive<Vec1, float>(src[i] - max) * inverse;
    }

    /// <summary>dst = exps · inverse, after a scalar head that aligns dst for streaming stores.</summary>
    private static void ScaleRow<TS>(float* exps, float* dst, int cols, float inverse) where TS : IStorePolicy =>
        ScaleFrom<TS>(exps, dst, ScaleHead(exps, dst, cols, inverse), cols, inverse);

    /// <summary>The scalar head of <see cref="ScaleRow{TS}"/>: elements up to dst's first vector boundary; returns where it stopped.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int ScaleHead(float* exps, float* dst, int cols, float inverse)
    {
        var i = 0;
        for (; i < cols && !StreamingStores.Aligned<TW, TV>(dst + i); i++) dst[i] = exps[i] * inverse;
        return i;
    }

    /// <summary>dst[i] = exps[i] · inverse for i in [<paramref name="from"/>, cols): whole vectors, then a scalar tail.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void ScaleFrom<TS>(float* exps, float* dst, int from, int cols, float inverse) where TS : IStorePolicy
    {
        var scale = TW.Splat(inverse);
        var i = from;
        for (; i <= cols - TW.Count; i += TW.Count) TS.Store<TW, TV>(dst + i, TW.Mul(TW.Load(exps + i), scale));
        for (; i < cols; i++) dst[i] = exps[i] * inverse;
    }

    private static void LogRows(float* x, float* y, int rows, int cols) =>
        CpuParallel.For(rows, CpuParallel.MinItemsPerChunk(cols), [MethodImpl(MethodImplOptions.AggressiveOptimization)] (r0, r1) =>
        {
            for (var row = r0; row < r1; row++)
            {
                float* src = x + (long)row * cols, dst = y + (long)row * cols;
                var max = Max(src, cols);
                // (x − max) − log Σ: subtracting the max first keeps small outputs accurate.
                var logSum = MathF.Log(SumExp(src, cols, max, null));
                var (m, l) = (TW.Splat(max), TW.Splat(logSum));
                var i = 0;
                for (; i <= cols - TW.Count; i += TW.Count) TW.Store(dst + i, TW.Sub(TW.Sub(TW.Load(src + i), m), l));
                for (; i < cols; i++) dst[i] = src[i] - max - logSum;
            }
        });

    /// <summary>The largest element, ignoring NaN: every caller subtracts it inside an exponential, where a NaN element
    /// makes the sum, and so the whole row, NaN anyway.</summary>
    internal static float Max(float* src, int n) => MaxAndMin(src, n).Max;

    /// <summary>The largest and the smallest element, both ignoring NaN (see <see cref="Max"/>); the smallest tells softmax
    /// whether a row needs the exponential's underflow select. Four independent accumulators each keep the loop off the
    /// max latency.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static (float Max, float Min) MaxAndMin(float* src, int n)
    {
        var (max0, max1, max2, max3) = (TW.Splat(float.NegativeInfinity), TW.Splat(float.NegativeInfinity), TW.Splat(float.NegativeInfinity), TW.Splat(float.NegativeInfinity));
        var (min0, min1, min2, min3) = (TW.Splat(float.PositiveInfinity), TW.Splat(float.PositiveInfinity), TW.Splat(float.PositiveInfinity), TW.Splat(float.PositiveInfinity));
        var i = 0;
        for (; i <= n - 4 * TW.Count; i += 4 * TW.Count)
        {
            var (x0, x1, x2, x3) = (TW.Load(src + i), TW.Load(src + i + TW.Count), TW.Load(src + i + 2 * TW.Count), TW.Load(src + i + 3 * TW.Count));
            (max0, max1, max2, max3) = (TW.Max(x0, max0), TW.Max(x1, max1), TW.Max(x2, max2), TW.Max(x3, max3));
            (min0, min1, min2, min3) = (TW.Min(x0, min0), TW.Min(x1, min1), TW.Min(x2, min2), TW.Min(x3, min3));
        }
        for (; i <= n - TW.Count; i += TW.Count) (max0, min0) = (TW.Max(TW.Load(src + i), max0), TW.Min(TW.Load(src + i), min0));
        // The smallest lane as minus the largest of the negated lanes (negation is exact).
        var max = TW.MaxLanes(TW.Max(TW.Max(max0, max1), TW.Max(max2, max3)));
        var min = -TW.MaxLanes(TW.Neg(TW.Min(TW.Min(min0, min1), TW.Min(min2, min3))));
        for (; i < n; i++) (max, min) = (Vec1.Max(src[i], max), Vec1.Min(src[i], min));
        return (max, min);
    }

    /// <summary>Σ exp(x − max) over a row, storing each exp into <paramref name="store"/> when given; two accumulators.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static float SumExp(float* src, int n, float max, float* store)
    {
        var (m, acc0, acc1) = (TW.Splat(max), TW.Splat(0f), TW.Splat(0f));
        var i = 0;
        for (; i <= n - 2 * TW.Count; i += 2 * TW.Count)
        {
            var e0 = VMath.ExpNonPositive<TW, TV>(TW.Sub(TW.Load(src + i), m));
            var e1 = VMath.ExpNonPositive<TW, TV>(TW.Sub(TW.Load(src + i + TW.Count), m));
            if (store != null)
            {
                TW.Store(store + i, e0);
                TW.Store(store + i + TW.Count, e1);
            }
            acc0 = TW.Add(acc0, e0);
            acc1 = TW.Add(acc1, e1);
        }
        return SumExpFrom<GuardedExp>(src, i, n, max, acc0, acc1, store);
    }

    /// <summary>The end of <see cref="SumExp"/> from element <paramref name="i"/> on, after its two-vector loop left the
    /// partial sums in <paramref name="acc0"/> and <paramref name="acc1"/>: one vector at a time, then a scalar tail.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static float SumExpFrom<TE>(float* src, int i, int n, float max, TV acc0, TV acc1, float* store) where TE : IRowExp
    {
        var m = TW.Splat(max);
        for (; i <= n - TW.Count; i += TW.Count)
        {
            var e = TE.Exp<TW, TV>(TW.Sub(TW.Load(src + i), m));
            if (store != null) TW.Store(store + i, e);
            acc0 = TW.Add(acc0, e);
        }
        var sum = TW.SumLanes(TW.Add(acc0, acc1));
        for (; i < n; i++)
        {
            var e = TE.Exp<Vec1, float>(src[i] - max);
            if (store != null) store[i] = e;
            sum += e;
        }
        return sum;
    }

}
