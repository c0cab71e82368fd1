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
                var block = values + (long)i0 * d;
                for (var r = 0; r < rows; r += 4)
                {
                    var four = FourRows(block, r, rows, d);
                    for (var c = 0; c < k; c++) Scores<TL, TV>(four, w + (long)c * d, d, intercepts[c], z + r * k + c, k, rows - r);
                }
                // Residuals replace the scores once their losses are counted.
                loss += targets.Labels is null
                    ? BinaryResiduals<TL, TV>(z, targets.Positive!, i0, rows)
                    : SoftmaxResiduals<TL, TV>(z, e, targets.Labels, i0, rows, k);
                for (var c = 0; c < k; c++)
                {
                    for (var r = 0; r < rows; r++) interceptGradient[c] += z[r * k + c];
                    for (var r = 0; r < rows; r += 4)
                    {
                        var residual = (z[r * k + c], At(z, r + 1, rows, k, c), At(z, r + 2, rows, k, c), At(z, r + 3, rows, k, c));
                        AddRows<TL, TV>(g + (long)c * d, FourRows(block, r, rows, d), d, residual);
                    }
                }
            }
        }
        return new Result(loss, gradient, interceptGradient);
    }

    /// <summary>Rows r … r + 3 of the block; past its last row, the last row again (its results are not kept).</summary>
    private readonly struct Four(double* r0, double* r1, double* r2, double* r3)
    {
        public readonly double* R0 = r0, R1 = r1, R2 = r2, R3 = r3;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Four FourRows(double* block, int r, int rows, int d) =>
        new(block + (long)r * d, block + (long)Math.Min(r + 1, rows - 1) * d, block + (long)Math.Min(r + 2, rows - 1) * d, block + (long)Math.Min(r + 3, rows - 1) * d);

    /// <summary>Row r's residual for class c, or 0 past the block's last row (so the repeated row adds nothing).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static double At(double* z, int r, int rows, int k, int c) => r < rows ? z[r * k + c] : 0;

    /// <summary>The scores of four rows for one class: four independent fused chains, so their latencies overlap
    /// (one row's chain alone waits on every multiply-add in turn). Writes the first <paramref name="valid"/> of them,
    /// a stride of k apart.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Scores<TL, TV>(Four x, double* w, int d, double intercept, double* z, int k, int valid) where TL : struct, ILanes<TV> where TV : struct
    {
        TV a0 = TL.Zero, a1 = TL.Zero, a2 = TL.Zero, a3 = TL.Zero;
        var f = 0;
        for (; f <= d - TL.Count; f += TL.Count)
        {
            var wf = TL.Load(w + f);
            a0 = TL.Fma(TL.Load(x.R0 + f), wf, a0);
            a1 = TL.Fma(TL.Load(x.R1 + f), wf, a1);
            a2 = TL.Fma(TL.Load(x.R2 + f), wf, a2);
            a3 = TL.Fma(TL.Load(x.R3 + f), wf, a3);
        }
        var (s0, s1, s2, s3) = (TL.Sum(a0), TL.Sum(a1), TL.Sum(a2), TL.Sum(a3));
        for (; f < d; f++)
        {
            s0 = Math.FusedMultiplyAdd(x.R0[f], w[f], s0);
            s1 = Math.FusedMultiplyAdd(x.R1[f], w[f], s1);
            s2 = Math.FusedMultiplyAdd(x.R2[f], w[f], s2);
            s3 = Math.FusedMultiplyAdd(x.R3[f], w[f], s3);
        }
        z[0] = s0 + intercept;
        if (valid > 1) z[k] = s1 + intercept;
        if (valid > 2) z[2 * k] = s2 + intercept;
        if (valid > 3) z[3 * k] = s3 + intercept;
    }

    /// <summary>g += Σ residualᵢ·xᵢ over four rows: g is loaded and stored once per four rows.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void AddRows<TL, TV>(double* g, Four x, int d, (double R0, double R1, double R2, double R3) residual) where TL : struct, ILanes<TV> where TV : struct
    {
        var (r0, r1, r2, r3) = (TL.Splat(residual.R0), TL.Splat(residual.R1), TL.Splat(residual.R2), TL.Splat(residual.R3));
        var f = 0;
        for (; f <= d - TL.Count; f += TL.Count)
        {
            var acc = TL.Fma(r0, TL.Load(x.R0 + f), TL.Load(g + f));
            acc = TL.Fma(r1, TL.Load(x.R1 + f), acc);
            acc = TL.Fma(r2, TL.Load(x.R2 + f), acc);
            TL.Store(g + f, TL.Fma(r3, TL.Load(x.R3 + f), acc));
        }
        for (; f < d; f++)
        {
            var acc = Math.FusedMultiplyAdd(residual.R0, x.R0[f], g[f]);
            acc = Math.FusedMultiplyAdd(residual.R1, x.R1[f], acc);
            acc = Math.FusedMultiplyAdd(residual.R2, x.R2[f], acc);
            g[f] = Math.FusedMultiplyAdd(residual.R3, x.R3[f], acc);
        }
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
