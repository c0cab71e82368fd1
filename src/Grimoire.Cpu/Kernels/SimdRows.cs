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
        var x = input.HostPointer<float>();
        var y = output.HostPointer<float>();
        var cols = s.Length;
        CpuParallel.For(s.Outer, CpuParallel.MinItemsPerChunk(cols), [MethodImpl(MethodImplOptions.AggressiveOptimization)] (r0, r1) =>
        {
            for (var row = r0; row < r1; row++)
            {
                var src = x + (long)row * cols;
                var dst = y + (long)row * cols;
                var max = Max(src, cols);
                if (log)
                {
                    // (x − max) − log Σ: subtracting the max first keeps small outputs accurate.
                    var logSum = MathF.Log(SumExp(src, cols, max, null));
                    var (m, l) = (TW.Splat(max), TW.Splat(logSum));
                    var i = 0;
                    for (; i <= cols - TW.Count; i += TW.Count) TW.Store(dst + i, TW.Sub(TW.Sub(TW.Load(src + i), m), l));
                    for (; i < cols; i++) dst[i] = src[i] - max - logSum;
                }
                else
                {
                    var inverse = 1f / SumExp(src, cols, max, dst);
                    var i = 0;
                    for (; i <= cols - TW.Count; i += TW.Count) TW.Store(dst + i, TW.Mul(TW.Load(dst + i), TW.Splat(inverse)));
                    for (; i < cols; i++) dst[i] *= inverse;
                }
            }
        });
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static float Max(float* src, int n)
    {
        var acc = TW.Splat(float.NegativeInfinity);
        var i = 0;
        for (; i <= n - TW.Count; i += TW.Count) acc = MaximumFn.Apply<TW, TV>(acc, TW.Load(src + i));
        var max = TW.MaxLanes(acc);
        for (; i < n; i++) max = MaximumFn.Apply<Vec1, float>(max, src[i]);
        return max;
    }

    /// <summary>Σ exp(x − max) over a row, storing each exp into <paramref name="store"/> when given.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static float SumExp(float* src, int n, float max, float* store)
    {
        var (m, acc) = (TW.Splat(max), TW.Splat(0f));
        var i = 0;
        for (; i <= n - TW.Count; i += TW.Count)
        {
            var e = VMath.ExpNonPositive<TW, TV>(TW.Sub(TW.Load(src + i), m));
            if (store != null) TW.Store(store + i, e);
            acc = TW.Add(acc, e);
        }
        var sum = TW.SumLanes(acc);
        for (; i < n; i++)
        {
            var e = VMath.ExpNonPositive<Vec1, float>(src[i] - max);
            if (store != null) store[i] = e;
            sum += e;
        }
        return sum;
    }
}
