using System.Numerics;
using System.Runtime.CompilerServices;
using Grimoire.Ops;

namespace Grimoire.Cpu.Kernels;

/// <summary>Float64 layer_norm, normal_log_prob, categorical_log_prob and adam_update: <see cref="Vector{T}"/> loops (the
/// widest vectors the runtime has) where the arithmetic is plain, Math.Exp/Log per element for the log-probabilities.</summary>
internal static unsafe class DoubleFused
{
    public static void LayerNorm(ReadOnlySpan<Tensor> inputs, Tensor output, object? attributes)
    {
        var s = (LayerNormAttributes)attributes!;
        var x = inputs[0].HostPointer<double>();
        var w = inputs[1].HostPointer<double>();
        var b = inputs[2].HostPointer<double>();
        var y = output.HostPointer<double>();
        var cols = s.Cols;
        CpuParallel.For(s.Rows, CpuParallel.MinItemsPerChunk(cols), [MethodImpl(MethodImplOptions.AggressiveOptimization)] (r0, r1) =>
        {
            for (var row = r0; row < r1; row++)
            {
                var src = new ReadOnlySpan<double>(x + (long)row * cols, cols);
                var dst = new Span<double>(y + (long)row * cols, cols);
                // shifted by the first element, so a constant row's mean is exact (see SimdFused.LayerNorm)
                var mean = src[0] + Sum(src, src[0], squared: false) / cols;
                var inverseStd = 1 / Math.Sqrt(Sum(src, mean, squared: true) / cols + s.Epsilon);
                for (var c = 0; c < cols; c++) dst[c] = (src[c] - mean) * inverseStd * w[c] + b[c];
            }
        });
    }

    /// <summary>Σ (x − centre), or Σ (x − centre)² when <paramref name="squared"/>, with vector partial sums.</summary>
    private static double Sum(ReadOnlySpan<double> row, double centre, bool squared)
    {
        var (acc, c) = (Vector<double>.Zero, new Vector<double>(centre));
        var i = 0;
        for (; i <= row.Length - Vector<double>.Count; i += Vector<double>.Count)
        {
            var d = new Vector<double>(row[i..]) - c;
            acc += squared ? d * d : d;
        }
        var sum = Vector.Sum(acc);
        for (; i < row.Length; i++) sum += squared ? (row[i] - centre) * (row[i] - centre) : row[i] - centre;
        return sum;
    }

    public static void NormalLogProb(ReadOnlySpan<Tensor> inputs, Tensor output, object? attributes)
    {
        var layout = StridedLayout.Of(output, inputs[0], inputs[1], inputs[2]);
        var y = output.HostPointer<double>() - output.Offset;
        var x = inputs[0].HostPointer<double>() - inputs[0].Offset;
        var mu = inputs[1].HostPointer<double>() - inputs[1].Offset;
        var ls = inputs[2].HostPointer<double>() - inputs[2].Offset;
        var (sx, sm, ss, n) = (layout.InnerStride(1), layout.InnerStride(2), layout.InnerStride(3), layout.Inner);
        CpuParallel.For(layout.Rows, CpuParallel.MinItemsPerChunk(n), (r0, r1) =>
        {
            Span<long> off = stackalloc long[4];
            for (var r = r0; r < r1; r++)
            {
                layout.RowOffsets(r, off);
                for (var i = 0; i < n; i++)
                {
                    var logStd = ls[off[3] + (long)i * ss];
                    var z = (x[off[1] + (long)i * sx] - mu[off[2] + (long)i * sm]) * Math.Exp(-logStd);
                    y[off[0] + i] = -0.5 * z * z - logStd - Tensor.HalfLogTwoPi;
                }
            }
        });
    }

    public static void CategoricalLogProb(ReadOnlySpan<Tensor> inputs, Tensor output, object? attributes)
    {
        var (n, c) = (inputs[0].Shape[0], inputs[0].Shape[1]);
        var x = inputs[0].HostPointer<double>();
        var actions = inputs[1].HostPointer<int>();
        var y = output.HostPointer<double>();
        CpuParallel.For(n, CpuParallel.MinItemsPerChunk(c), (r0, r1) =>
        {
            for (var row = r0; row < r1; row++)
            {
                var src = new ReadOnlySpan<double>(x + (long)row * c, c);
                var max = double.NegativeInfinity;
                foreach (var v in src) max = Math.Max(max, v);
                var sum = 0.0;
                foreach (var v in src) sum += Math.Exp(v - max);
                y[row] = src[actions[row]] - max - Math.Log(sum);
            }
        });
    }

    /// <summary>The step in the per-op formulation's order of operations, so float64 results equal it.</summary>
    public static void AdamUpdate(ReadOnlySpan<Tensor> inputs, Tensor output, object? attributes)
    {
        var a = (AdamAttributes)attributes!;
        var p = inputs[0].HostPointer<double>();
        var g = inputs[1].HostPointer<double>();
        var m = inputs[2].HostPointer<double>();
        var v = inputs[3].HostPointer<double>();
        CpuParallel.For(output.Size, CpuParallel.MinElementsPerThread, [MethodImpl(MethodImplOptions.AggressiveOptimization)] (start, end) =>
        {
            var (lr, b1, b2, eps) = (new Vector<double>(a.LearningRate), new Vector<double>(a.Beta1), new Vector<double>(a.Beta2), new Vector<double>(a.Epsilon));
            var (c1, c2) = (new Vector<double>(a.Correction1), new Vector<double>(a.Correction2));
            var (keep1, keep2) = (new Vector<double>(1 - a.Beta1), new Vector<double>(1 - a.Beta2));
            var (decay, shrink) = (new Vector<double>(a.WeightDecay), new Vector<double>(1 - a.LearningRate * a.WeightDecay));
            var i = start;
            for (; i <= end - Vector<double>.Count; i += Vector<double>.Count)
            {
                var (theta, grad) = (Vector.Load(p + i), Vector.Load(g + i));
                if (a.WeightDecay > 0)
                {
                    if (a.Decoupled) theta *= shrink;
                    else grad += theta * decay;
                }
                var newM = Vector.Load(m + i) * b1 + grad * keep1;
                var newV = Vector.Load(v + i) * b2 + grad * grad * keep2;
                Vector.Store(newM, m + i);
                Vector.Store(newV, v + i);
                Vector.Store(theta - newM / c1 / (Vector.SquareRoot(newV / c2) + eps) * lr, p + i);
            }
            for (; i < end; i++)
            {
                var (theta, grad) = (p[i], g[i]);
                if (a.WeightDecay > 0)
                {
                    if (a.Decoupled) theta *= 1 - a.LearningRate * a.WeightDecay;
                    else grad += p[i] * a.WeightDecay;
                }
                var newM = m[i] * a.Beta1 + grad * (1 - a.Beta1);
                var newV = v[i] * a.Beta2 + grad * grad * (1 - a.Beta2);
                (m[i], v[i]) = (newM, newV);
                p[i] = theta - newM / a.Correction1 / (Math.Sqrt(newV / a.Correction2) + a.Epsilon) * a.LearningRate;
            }
        });
    }
}
