using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using Grimoire.Kernels;

namespace Grimoire.Ml.Kernels;

/// <summary>
/// The logistic log loss and its gradient in one pass over the rows, for one binary problem (σ) or a softmax over k
/// classes: for a block of rows, the scores zᵢ = W·xᵢ + b, then the losses and residuals ∂loss/∂z (σ(z) − y, or
/// softmax(z) − onehot(y)) with exp and log a vector at a time (<see cref="LanesMath"/>), then Σ residual·xᵢ into the gradient while the
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
        var loss = 0.0;
        fixed (double* values = x.Span, w = weights, g = gradient, z = scores, e = exps)
        {
            for (var i0 = start; i0 < end; i0 += BlockRows)
            {
                var rows = Math.Min(BlockRows, end - i0);
                for (var r = 0; r < rows; r++)
                {
                    var row = values + (long)(i0 + r) * d;
                    for (var c = 0; c < k; c++) z[r * k + c] = VectorOps.Dot<TL, TV>(row, w + (long)c * d, d) + intercepts[c];
                }
                // Residuals replace the scores once their losses are counted.
                loss += targets.Labels is null
                    ? BinaryResiduals<TL, TV>(z, targets.Positive!, i0, rows)
                    : SoftmaxResiduals<TL, TV>(z, e, targets.Labels, i0, rows, k);
                for (var r = 0; r < rows; r++)
                {
                    var row = values + (long)(i0 + r) * d;
                    for (var c = 0; c < k; c++)
                    {
                        var residual = z[r * k + c];
                        interceptGradient[c] += residual;
                        VectorOps.AddScaled<TL, TV>(g + (long)c * d, row, residual, d);
                    }
                }
            }
        }
        return new Result(loss, gradient, interceptGradient);
    }

    /// <summary>Σ softplus(z) − yz over the block's rows, softplus(z) = max(z, 0) + log(1 + e^−|z|); z becomes σ(z) − y,
    /// σ(z) = 1/(1 + e^−|z|) or e^−|z|/(1 + e^−|z|) by the sign of z, so no exponential ever overflows.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static double BinaryResiduals<TL, TV>(double* z, double[] positive, int i0, int rows) where TL : struct, ILanes<TV> where TV : struct
    {
        var lanes = TL.Zero;
        var r = 0;
        fixed (double* y = positive)
        {
            for (; r <= rows - TL.Count; r += TL.Count) lanes = TL.Add(lanes, BinaryResidual<TL, TV>(z + r, y + i0 + r));
            var loss = TL.Sum(lanes);
            for (; r < rows; r++) loss += BinaryResidual<Lanes1, double>(z + r, y + i0 + r);
            return loss;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TV BinaryResidual<TL, TV>(double* z, double* y) where TL : struct, ILanes<TV> where TV : struct
    {
        var (score, target, one) = (TL.Load(z), TL.Load(y), TL.Splat(1));
        var e = LanesMath.Exp<TL, TV>(TL.Sub(TL.Zero, TL.Abs(score)));
        var loss = TL.Sub(TL.Add(TL.Max(score, TL.Zero), LanesMath.Log1pUnit<TL, TV>(e)), TL.Mul(target, score));
        var sigmoid = TL.Div(TL.Select(TL.LessThan(score, TL.Zero), e, one), TL.Add(one, e));
        TL.Store(z, TL.Sub(sigmoid, target));
        return loss;
    }

    /// <summary>Σ log Σ e^(z − max) − (z_y − max) over the block's rows; z becomes softmax(z) − onehot(y).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static double SoftmaxResiduals<TL, TV>(double* z, double* e, int[] labels, int i0, int rows, int k) where TL : struct, ILanes<TV> where TV : struct
    {
        for (var r = 0; r < rows; r++)
        {
            var max = double.NegativeInfinity;
            for (var c = 0; c < k; c++) max = Math.Max(max, z[r * k + c]);
            for (var c = 0; c < k; c++) z[r * k + c] -= max;
        }
        var i = 0;
        for (; i <= rows * k - TL.Count; i += TL.Count) TL.Store(e + i, LanesMath.Exp<TL, TV>(TL.Load(z + i)));
        for (; i < rows * k; i++) e[i] = LanesMath.Exp<Lanes1, double>(z[i]);
        var loss = 0.0;
        for (var r = 0; r < rows; r++)
        {
            var sum = 0.0;
            for (var c = 0; c < k; c++) sum += e[r * k + c];
            var label = labels[i0 + r];
            loss += Math.Log(sum) - z[r * k + label];
            for (var c = 0; c < k; c++) z[r * k + c] = e[r * k + c] / sum - (c == label ? 1 : 0);
        }
        return loss;
    }
}
