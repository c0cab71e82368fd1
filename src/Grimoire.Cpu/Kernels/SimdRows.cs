using System.Buffers;
using System.Runtime.CompilerServices;
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

    /// <summary>Rows up to this many floats stay in a core's L2 cache through softmax's passes (the row and its
    /// exponentials take half of it); longer rows take the online form, which reads the input from memory twice.</summary>
    internal static int InCacheRowLimit => (int)Math.Min(CpuCaches.Current.L2OrDefault / (4 * sizeof(float)), 1 << 24);

    private static void SoftmaxRows<TS>(float* x, float* y, int rows, int cols) where TS : IStorePolicy =>
        CpuParallel.For(rows, CpuParallel.MinItemsPerChunk(cols), [MethodImpl(MethodImplOptions.AggressiveOptimization)] (r0, r1) =>
        {
            // Streamed outputs keep the exponentials in a cached scratch row, so the output's lines are written once
            // without being read first; cached outputs hold them in place.
            var online = cols > InCacheRowLimit;
            var scratch = typeof(TS) == typeof(StreamingStores) && !online ? ArrayPool<float>.Shared.Rent(cols) : null;
            fixed (float* buffer = scratch)
            {
                for (var row = r0; row < r1; row++)
                {
                    float* src = x + (long)row * cols, dst = y + (long)row * cols;
                    if (online)
                    {
                        OnlineRow<TS>(src, dst, cols);
                        continue;
                    }
                    var exps = buffer != null ? buffer : dst;
                    var inverse = 1f / SumExp(src, cols, Max(src, cols), exps);
                    ScaleRow<TS>(exps, dst, cols, inverse);
                }
            }
            if (scratch != null) ArrayPool<float>.Shared.Return(scratch);
            TS.Finish();
        });

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
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void ScaleRow<TS>(float* exps, float* dst, int cols, float inverse) where TS : IStorePolicy
    {
        var scale = TW.Splat(inverse);
        var i = 0;
        for (; i < cols && !StreamingStores.Aligned<TW, TV>(dst + i); i++) dst[i] = exps[i] * inverse;
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
    /// makes the sum, and so the whole row, NaN anyway. Four independent accumulators keep the loop off the max latency.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static float Max(float* src, int n)
    {
        var (a0, a1, a2, a3) = (TW.Splat(float.NegativeInfinity), TW.Splat(float.NegativeInfinity), TW.Splat(float.NegativeInfinity), TW.Splat(float.NegativeInfinity));
        var i = 0;
        for (; i <= n - 4 * TW.Count; i += 4 * TW.Count)
        {
            a0 = TW.Max(TW.Load(src + i), a0);
            a1 = TW.Max(TW.Load(src + i + TW.Count), a1);
            a2 = TW.Max(TW.Load(src + i + 2 * TW.Count), a2);
            a3 = TW.Max(TW.Load(src + i + 3 * TW.Count), a3);
        }
        for (; i <= n - TW.Count; i += TW.Count) a0 = TW.Max(TW.Load(src + i), a0);
        var max = TW.MaxLanes(TW.Max(TW.Max(a0, a1), TW.Max(a2, a3)));
        for (; i < n; i++) max = Vec1.Max(src[i], max);
        return max;
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
        for (; i <= n - TW.Count; i += TW.Count)
        {
            var e = VMath.ExpNonPositive<TW, TV>(TW.Sub(TW.Load(src + i), m));
            if (store != null) TW.Store(store + i, e);
            acc0 = TW.Add(acc0, e);
        }
        var sum = TW.SumLanes(TW.Add(acc0, acc1));
        for (; i < n; i++)
        {
            var e = VMath.ExpNonPositive<Vec1, float>(src[i] - max);
            if (store != null) store[i] = e;
            sum += e;
        }
        return sum;
    }

}
