using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using Grimoire.Kernels;

namespace Grimoire.Ml.Kernels;

/// <summary>
/// The logistic log loss and its gradient in one pass over the rows, for one binary problem (σ) or a softmax over k
/// classes: for a block of rows, the scores zᵢ = W·xᵢ + b, then the losses and residuals ∂loss/∂z (σ(z) − y, or
/// softmax(z) − onehot(y)) with vectorised exp and log over the block, then Σ residual·xᵢ into the gradient while the
/// block is still in cache. X is read once per evaluation where the separate products read it twice, and neither Xᵀ
/// nor any n-sized temporary is made. Losses use the stable forms: softplus(z) − yz with softplus(z) = max(z, 0) +
/// log(1 + e^−|z|), and log Σ e^(z − max z) − (z_y − max z). Threads take row ranges whose partial sums are added in
/// range order.
/// </summary>
internal static unsafe class LogisticPass
{
    private const int BlockRows = 128;

    /// <summary>Σᵢ lossᵢ, and its gradient with respect to W [k, d] (class-major) and b [k].</summary>
    public sealed record Result(double Loss, double[] WeightGradient, double[] InterceptGradient);

    /// <summary>One binary problem: <paramref name="positive"/>[i] is 1 for the positive class, else 0; W is one row [1, d].</summary>
    public static Result Binary(HostValues x, double[] positive, double[] weights, double intercept, Isa? isa = null)
    {
        ArgumentOutOfRangeException.ThrowIfNotEqual(positive.Length, x.Rows);
        ArgumentOutOfRangeException.ThrowIfNotEqual(weights.Length, x.Columns);
        return Run(x, new Targets(positive, null, 1), weights, [intercept], isa);
    }

    /// <summary>A softmax over <paramref name="classes"/> outputs; <paramref name="labels"/> are class indices in [0, classes)
    /// and W is [classes, d] class-major.</summary>
    public static Result Softmax(HostValues x, int[] labels, int classes, double[] weights, double[] intercepts, Isa? isa = null)
    {
        ArgumentOutOfRangeException.ThrowIfNotEqual(labels.Length, x.Rows);
        ArgumentOutOfRangeException.ThrowIfNotEqual(weights.Length, (long)classes * x.Columns);
        ArgumentOutOfRangeException.ThrowIfNotEqual(intercepts.Length, classes);
        if (labels.Any(l => (uint)l >= (uint)classes)) throw new ArgumentOutOfRangeException(nameof(labels), $"labels must lie in [0, {classes})");
        return Run(x, new Targets(null, labels, classes), weights, intercepts, isa);
    }

    /// <summary>Binary 0/1 targets, or class labels for the softmax.</summary>
    private sealed record Targets(double[]? Positive, int[]? Labels, int Classes);

    private static Result Run(HostValues x, Targets targets, double[] weights, double[] intercepts, Isa? isa) => (isa ?? IsaSupport.Widest()) switch
    {
        Isa.Avx512 => Run<Lanes512, Vector512<double>>(x, targets, weights, intercepts),
        Isa.Avx2 => Run<Lanes256, Vector256<double>>(x, targets, weights, intercepts),
        _ => Run<Lanes1, double>(x, targets, weights, intercepts),
    };

    private static Result Run<TL, TV>(HostValues x, Targets targets, double[] weights, double[] intercepts) where TL : struct, ILanes<TV> where TV : struct
    {
        var (n, d, k) = (x.Rows, x.Columns, targets.Classes);
        var chunks = HostParallel.Chunks(n, HostParallel.MinItemsPerChunk(2L * k * d));
        var partial = new Result[Math.Max(1, chunks)];
        HostParallel.ForChunks(n, chunks, (chunk, start, end) => partial[chunk] = Rows<TL, TV>(x, targets, weights, intercepts, start, end));
        var total = partial[0] ?? new Result(0, new double[(long)k * d], new double[k]);
        var loss = total.Loss;
        for (var c = 1; c < chunks; c++)
        {
            loss += partial[c].Loss;
            for (var e = 0; e < total.WeightGradient.Length; e++) total.WeightGradient[e] += partial[c].WeightGradient[e];
            for (var j = 0; j < k; j++) total.InterceptGradient[j] += partial[c].InterceptGradient[j];
        }
        return total with { Loss = loss };
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static Result Rows<TL, TV>(HostValues x, Targets targets, double[] weights, double[] intercepts, int start, int end) where TL : struct, ILanes<TV> where TV : struct
    {
        var (d, k) = (x.Columns, targets.Classes);
        var gradient = new double[(long)k * d];
        var interceptGradient = new double[k];
        var scores = new double[BlockRows * k];
        var exps = new double[BlockRows * k];
        var logs = new double[BlockRows];
        var loss = 0.0;
        fixed (double* values = x.Span, w = weights, g = gradient)
        {
            for (var i0 = start; i0 < end; i0 += BlockRows)
            {
                var rows = Math.Min(BlockRows, end - i0);
                for (var r = 0; r < rows; r++)
                {
                    var row = values + (long)(i0 + r) * d;
                    for (var c = 0; c < k; c++) scores[r * k + c] = Dot<TL, TV>(row, w + (long)c * d, d) + intercepts[c];
                }
                // Residuals replace the scores once their losses are counted.
                loss += targets.Labels is null
                    ? BinaryResiduals(scores.AsSpan(0, rows), exps.AsSpan(0, rows), logs.AsSpan(0, rows), targets.Positive!.AsSpan(i0, rows))
                    : SoftmaxResiduals(scores.AsSpan(0, rows * k), exps.AsSpan(0, rows * k), logs.AsSpan(0, rows), targets.Labels.AsSpan(i0, rows), k);
                for (var r = 0; r < rows; r++)
                {
                    var row = values + (long)(i0 + r) * d;
                    for (var c = 0; c < k; c++)
                    {
                        var residual = scores[r * k + c];
                        interceptGradient[c] += residual;
                        AddScaled<TL, TV>(g + (long)c * d, row, residual, d);
                    }
                }
            }
        }
        return new Result(loss, gradient, interceptGradient);
    }

    /// <summary>Σ softplus(z) − yz over the block; z becomes σ(z) − y.</summary>
    private static double BinaryResiduals(Span<double> z, Span<double> e, Span<double> log1pe, ReadOnlySpan<double> y)
    {
        TensorPrimitives.Abs(z, e);
        TensorPrimitives.Negate(e, e);
        TensorPrimitives.Exp(e, e);
        TensorPrimitives.Add(e, 1.0, log1pe);
        TensorPrimitives.Log(log1pe, log1pe);
        var loss = 0.0;
        for (var r = 0; r < z.Length; r++)
        {
            loss += Math.Max(z[r], 0) + log1pe[r] - y[r] * z[r];
            var sigmoid = z[r] >= 0 ? 1 / (1 + e[r]) : e[r] / (1 + e[r]);
            z[r] = sigmoid - y[r];
        }
        return loss;
    }

    /// <summary>Σ log Σ e^(z − max) − (z_y − max) over the block's rows; z becomes softmax(z) − onehot(y).</summary>
    private static double SoftmaxResiduals(Span<double> z, Span<double> e, Span<double> sums, ReadOnlySpan<int> labels, int k)
    {
        for (var r = 0; r < labels.Length; r++)
        {
            var row = z.Slice(r * k, k);
            TensorPrimitives.Subtract(row, TensorPrimitives.Max(row), row);
        }
        TensorPrimitives.Exp(z, e);
        for (var r = 0; r < labels.Length; r++) sums[r] = TensorPrimitives.Sum(e.Slice(r * k, k));
        var loss = 0.0;
        for (var r = 0; r < labels.Length; r++)
        {
            loss += Math.Log(sums[r]) - z[r * k + labels[r]];
            for (var c = 0; c < k; c++) z[r * k + c] = e[r * k + c] / sums[r] - (c == labels[r] ? 1 : 0);
        }
        return loss;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static double Dot<TL, TV>(double* a, double* b, int d) where TL : struct, ILanes<TV> where TV : struct
    {
        var w = TL.Count;
        TV acc0 = TL.Zero, acc1 = TL.Zero;
        var f = 0;
        for (; f <= d - 2 * w; f += 2 * w)
        {
            acc0 = TL.Fma(TL.Load(a + f), TL.Load(b + f), acc0);
            acc1 = TL.Fma(TL.Load(a + f + w), TL.Load(b + f + w), acc1);
        }
        for (; f <= d - w; f += w) acc0 = TL.Fma(TL.Load(a + f), TL.Load(b + f), acc0);
        var sum = TL.Sum(TL.Add(acc0, acc1));
        for (; f < d; f++) sum = Math.FusedMultiplyAdd(a[f], b[f], sum);
        return sum;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void AddScaled<TL, TV>(double* into, double* row, double scale, int d) where TL : struct, ILanes<TV> where TV : struct
    {
        var s = TL.Splat(scale);
        var f = 0;
        for (; f <= d - TL.Count; f += TL.Count) TL.Store(into + f, TL.Fma(s, TL.Load(row + f), TL.Load(into + f)));
        for (; f < d; f++) into[f] = Math.FusedMultiplyAdd(scale, row[f], into[f]);
    }
}
