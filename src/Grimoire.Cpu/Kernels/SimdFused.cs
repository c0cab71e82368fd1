using System.Runtime.CompilerServices;
using Grimoire.Cpu.Simd;
using Grimoire.Ops;

namespace Grimoire.Cpu.Kernels;

/// <summary>layer_norm, normal_log_prob, categorical_log_prob and adam_update for float32 at width <typeparamref name="TW"/>.
/// Elementwise arithmetic is one generic function per op, run on vectors in the body and on <see cref="Vec1"/> in tails.</summary>
internal static unsafe class SimdFused<TW, TV> where TW : IVec<TV> where TV : struct
{
    /// <summary>Vector sums run this many elements before their total goes into a double.</summary>
    private const int Block = 512;

    /// <summary>Per row: the mean, the variance about it (two passes, no cancellation), then (x − μ)·(1/σ)·γ + β. The mean is
    /// the first element plus the mean offset from it, so a constant row has exactly its value as mean (and variance 0,
    /// where 1/√ε would magnify any rounding of the mean). The mean is applied as two floats (value and remainder): rounded to
    /// one float, an offset row's mean (|x| ≈ 100) is off by up to 4e-6, which 1/σ and γ magnify into the result.</summary>
    public static void LayerNorm(ReadOnlySpan<Tensor> inputs, Tensor output, object? attributes)
    {
        var s = (LayerNormAttributes)attributes!;
        var x = inputs[0].HostPointer<float>();
        var w = inputs[1].HostPointer<float>();
        var b = inputs[2].HostPointer<float>();
        var y = output.HostPointer<float>();
        var cols = s.Cols;
        CpuParallel.For(s.Rows, CpuParallel.MinItemsPerChunk(cols), [MethodImpl(MethodImplOptions.AggressiveOptimization)] (r0, r1) =>
        {
            for (var row = r0; row < r1; row++)
            {
                var src = x + (long)row * cols;
                var dst = y + (long)row * cols;
                var exactMean = src[0] + Sum(src, cols, src[0]) / cols;
                var mean = (float)exactMean;
                var meanLow = (float)(exactMean - mean);
                var inverseStd = (float)(1 / Math.Sqrt(SquaredDeviations(src, cols, mean) / cols + s.Epsilon));
                var (m, mLow, r) = (TW.Splat(mean), TW.Splat(meanLow), TW.Splat(inverseStd));
                var i = 0;
                for (; i <= cols - TW.Count; i += TW.Count)
                    TW.Store(dst + i, TW.Fma(TW.Mul(TW.Sub(TW.Sub(TW.Load(src + i), m), mLow), r), TW.Load(w + i), TW.Load(b + i)));
                for (; i < cols; i++) dst[i] = Vec1.Fma((src[i] - mean - meanLow) * inverseStd, w[i], b[i]);
            }
        });
    }

    /// <summary>Σ (x − <paramref name="shift"/>) over a row.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static double Sum(float* src, int n, float shift)
    {
        var (s, total) = (TW.Splat(shift), 0.0);
        for (var start = 0; start < n; start += Block)
        {
            var end = Math.Min(n, start + Block);
            var acc = TW.Splat(0f);
            var i = start;
            for (; i <= end - TW.Count; i += TW.Count) acc = TW.Add(acc, TW.Sub(TW.Load(src + i), s));
            var sum = TW.SumLanes(acc);
            for (; i < end; i++) sum += src[i] - shift;
            total += sum;
        }
        return total;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static double SquaredDeviations(float* src, int n, float mean)
    {
        var (m, total) = (TW.Splat(mean), 0.0);
        for (var start = 0; start < n; start += Block)
        {
            var end = Math.Min(n, start + Block);
            var acc = TW.Splat(0f);
            var i = start;
            for (; i <= end - TW.Count; i += TW.Count)
            {
                var d = TW.Sub(TW.Load(src + i), m);
                acc = TW.Fma(d, d, acc);
            }
            var sum = TW.SumLanes(acc);
            for (; i < end; i++) sum += (src[i] - mean) * (src[i] - mean);
            total += sum;
        }
        return total;
    }

    /// <summary>Rows of the broadcast operands (merged where their strides allow): vector loads for dense operands and
    /// splats for broadcast ones, strided scalar code otherwise.</summary>
    public static void NormalLogProb(ReadOnlySpan<Tensor> inputs, Tensor output, object? attributes)
    {
        var layout = StridedLayout.Of(output, inputs[0], inputs[1], inputs[2]);
        var y = output.HostPointer<float>() - output.Offset;
        var x = inputs[0].HostPointer<float>() - inputs[0].Offset;
        var mu = inputs[1].HostPointer<float>() - inputs[1].Offset;
        var ls = inputs[2].HostPointer<float>() - inputs[2].Offset;
        var (sx, sm, ss, n) = (layout.InnerStride(1), layout.InnerStride(2), layout.InnerStride(3), layout.Inner);
        var vector = sx is 0 or 1 && sm is 0 or 1 && ss is 0 or 1;
        CpuParallel.For(layout.Rows, CpuParallel.MinItemsPerChunk(n), [MethodImpl(MethodImplOptions.AggressiveOptimization)] (r0, r1) =>
        {
            Span<long> off = stackalloc long[4];
            for (var r = r0; r < r1; r++)
            {
                layout.RowOffsets(r, off);
                float* yr = y + off[0], xr = x + off[1], mr = mu + off[2], sr = ls + off[3];
                var i = 0;
                if (vector)
                {
                    for (; i <= n - TW.Count; i += TW.Count)
                        TW.Store(yr + i, NormalLogProb<TW, TV>(LoadOrSplat(xr + i * sx, sx), LoadOrSplat(mr + i * sm, sm), LoadOrSplat(sr + i * ss, ss)));
                }
                for (; i < n; i++) yr[i] = NormalLogProb<Vec1, float>(xr[(long)i * sx], mr[(long)i * sm], sr[(long)i * ss]);
            }
        });
    }

    private static TV LoadOrSplat(float* p, int stride) => stride == 0 ? TW.Splat(*p) : TW.Load(p);

    /// <summary>−½((x − μ)·e^(−log σ))² − log σ − ½ log 2π.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TA NormalLogProb<TX, TA>(TA x, TA mean, TA logStd) where TX : IVec<TA> where TA : struct
    {
        var z = TX.Mul(TX.Sub(x, mean), VMath.Exp<TX, TA>(TX.Neg(logStd)));
        return TX.Sub(TX.Fma(TX.Mul(z, z), TX.Splat(-0.5f), TX.Neg(logStd)), TX.Splat((float)Tensor.HalfLogTwoPi));
    }

    /// <summary>x[a] − max − log Σ e^(x − max) per row.</summary>
    public static void CategoricalLogProb(ReadOnlySpan<Tensor> inputs, Tensor output, object? attributes)
    {
        var (n, c) = (inputs[0].Shape[0], inputs[0].Shape[1]);
        var x = inputs[0].HostPointer<float>();
        var actions = inputs[1].HostPointer<int>();
        var y = output.HostPointer<float>();
        CpuParallel.For(n, CpuParallel.MinItemsPerChunk(c), [MethodImpl(MethodImplOptions.AggressiveOptimization)] (r0, r1) =>
        {
            for (var row = r0; row < r1; row++)
            {
                var src = x + (long)row * c;
                var max = SimdRows<TW, TV>.Max(src, c);
                y[row] = src[actions[row]] - max - MathF.Log(SimdRows<TW, TV>.SumExp(src, c, max, null));
            }
        });
    }

    /// <summary>One pass over param, grad, m and v (see <see cref="AdamAttributes"/>).</summary>
    public static void AdamUpdate(ReadOnlySpan<Tensor> inputs, Tensor output, object? attributes)
    {
        var s = new AdamScalars((AdamAttributes)attributes!);
        var p = inputs[0].HostPointer<float>();
        var g = inputs[1].HostPointer<float>();
        var m = inputs[2].HostPointer<float>();
        var v = inputs[3].HostPointer<float>();
        CpuParallel.For(output.Size, CpuParallel.MinElementsPerThread, [MethodImpl(MethodImplOptions.AggressiveOptimization)] (start, end) =>
        {
            var i = start;
            for (; i <= end - TW.Count; i += TW.Count) AdamStep<TW, TV>(p + i, g + i, m + i, v + i, s);
            for (; i < end; i++) AdamStep<Vec1, float>(p + i, g + i, m + i, v + i, s);
        });
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void AdamStep<TX, TA>(float* p, float* g, float* m, float* v, in AdamScalars s) where TX : IVec<TA> where TA : struct
    {
        var (theta, grad) = (TX.Load(p), TX.Load(g));
        if (s.Decay != 0)
        {
            if (s.Decoupled) theta = TX.Mul(theta, TX.Splat(s.Shrink));
            else grad = TX.Add(grad, TX.Mul(theta, TX.Splat(s.Decay)));
        }
        var newM = TX.Add(TX.Mul(TX.Load(m), TX.Splat(s.Beta1)), TX.Mul(grad, TX.Splat(s.OneMinusBeta1)));
        var newV = TX.Add(TX.Mul(TX.Load(v), TX.Splat(s.Beta2)), TX.Mul(TX.Mul(grad, grad), TX.Splat(s.OneMinusBeta2)));
        TX.Store(m, newM);
        TX.Store(v, newV);
        var step = TX.Div(TX.Div(newM, TX.Splat(s.Correction1)), TX.Add(TX.Sqrt(TX.Div(newV, TX.Splat(s.Correction2))), TX.Splat(s.Epsilon)));
        TX.Store(p, TX.Sub(theta, TX.Mul(step, TX.Splat(s.LearningRate))));
    }
}

/// <summary>The step's constants rounded to float once, as the per-op formulation's scalar tensors were.</summary>
internal readonly struct AdamScalars(AdamAttributes a)
{
    public readonly float LearningRate = (float)a.LearningRate, Beta1 = (float)a.Beta1, Beta2 = (float)a.Beta2, Epsilon = (float)a.Epsilon;
    public readonly float OneMinusBeta1 = (float)(1 - a.Beta1), OneMinusBeta2 = (float)(1 - a.Beta2);
    public readonly float Correction1 = (float)a.Correction1, Correction2 = (float)a.Correction2;
    public readonly float Decay = (float)a.WeightDecay, Shrink = (float)(1 - a.LearningRate * a.WeightDecay);
    public readonly bool Decoupled = a.Decoupled;
}
