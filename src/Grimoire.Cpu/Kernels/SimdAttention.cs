using System.Runtime.CompilerServices;
using Grimoire.Cpu.Gemm;
using Grimoire.Cpu.Simd;
using Grimoire.Kernels;
using Grimoire.Ops;

namespace Grimoire.Cpu.Kernels;

/// <summary>Fused scaled dot-product attention and its backward op for float32 (layouts in <see cref="OpContracts"/>): per
/// head, the products q·kᵀ, p·v and the four of the backward pass run on the packed GEMM (one thread each, heads spread over
/// cores), and the row work between them (mask, softmax, the softmax gradient) runs at width <typeparamref name="TW"/>.
/// Strided operands are passed to the GEMM as row strides, so views of a packed projection are read in place.</summary>
internal static unsafe class SimdAttention<TW, TV> where TW : IVec<TV> where TV : struct
{
    public static KernelBody Forward(GemmIsa isa) => (inputs, output, attributes) =>
    {
        var a = (AttentionAttributes)attributes!;
        var (q, k, v) = (Heads.Of(inputs[0], a), Heads.Of(inputs[1], a), Heads.Of(inputs[2], a));
        var y = output.HostPointer<float>();
        var probabilities = y + a.OutputElements;
        var (tq, tk, d, rowY) = (a.QueryLength, a.KeyLength, a.HeadDim, a.Heads * a.HeadDim);
        var scale = (float)a.Scale;
        CpuParallel.For(a.Batch * a.Heads, PerChunk(a), [MethodImpl(MethodImplOptions.AggressiveOptimization)] (h0, h1) =>
        {
            for (var bh = h0; bh < h1; bh++)
            {
                var (b, h) = Math.DivRem(bh, a.Heads);
                var p = probabilities + (long)bh * tq * tk;
                Sgemm.Run(isa, false, true, tq, tk, d, scale, q.At(b, h), q.RowStride, k.At(b, h), k.RowStride, 0f, p, tk, 1);
                for (var i = 0; i < tq; i++) SoftmaxRow(p + (long)i * tk, a.Visible(i), tk);
                Sgemm.Run(isa, false, false, tq, d, tk, 1f, p, tk, v.At(b, h), v.RowStride, 0f, y + (long)b * tq * rowY + h * d, rowY, 1);
            }
        });
    };

    /// <summary>Per head: ∂v = pᵀ·∂y, ∂p = ∂y·vᵀ, ∂s = scale·p ⊙ (∂p − Σ ∂p ⊙ p) row by row, ∂q = ∂s·k, ∂k = ∂sᵀ·q, each
    /// written into its slot of the packed [b, t, 3, heads, d] output.</summary>
    public static KernelBody Backward(GemmIsa isa) => (inputs, output, attributes) =>
    {
        var a = (AttentionAttributes)attributes!;
        var g = inputs[0].HostPointer<float>();
        var (q, k, v) = (Heads.Of(inputs[1], a), Heads.Of(inputs[2], a), Heads.Of(inputs[3], a));
        var probabilities = inputs[4].HostPointer<float>();
        var result = output.HostPointer<float>();
        var (t, d, rowG) = (a.QueryLength, a.HeadDim, a.Heads * a.HeadDim);
        var rowOut = 3 * rowG;
        var scale = (float)a.Scale;
        CpuParallel.For(a.Batch * a.Heads, PerChunk(a), [MethodImpl(MethodImplOptions.AggressiveOptimization)] (h0, h1) =>
        {
            var scores = GC.AllocateUninitializedArray<float>(t * t, pinned: true);
            fixed (float* ds = scores)
            {
                for (var bh = h0; bh < h1; bh++)
                {
                    var (b, h) = Math.DivRem(bh, a.Heads);
                    var p = probabilities + (long)bh * t * t;
                    var gh = g + (long)b * t * rowG + h * d;
                    var dq = result + (long)b * t * rowOut + h * d;
                    Sgemm.Run(isa, true, false, t, d, t, 1f, p, t, gh, rowG, 0f, dq + 2 * rowG, rowOut, 1);
                    Sgemm.Run(isa, false, true, t, t, d, 1f, gh, rowG, v.At(b, h), v.RowStride, 0f, ds, t, 1);
                    for (var i = 0; i < t; i++) ScoreGradientRow(p + (long)i * t, ds + (long)i * t, a.Visible(i), t, scale);
                    Sgemm.Run(isa, false, false, t, d, t, 1f, ds, t, k.At(b, h), k.RowStride, 0f, dq, rowOut, 1);
                    Sgemm.Run(isa, true, false, t, d, t, 1f, ds, t, q.At(b, h), q.RowStride, 0f, dq + rowG, rowOut, 1);
                }
            }
        });
    };

    /// <summary>Heads per parallel chunk: one when a head's products are worth a thread, more when they are tiny.</summary>
    private static int PerChunk(AttentionAttributes a) => CpuParallel.MinItemsPerChunk((long)a.QueryLength * a.KeyLength * a.HeadDim);

    /// <summary>softmax over the first <paramref name="visible"/> scores of a row, zeros after them (the masked keys).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void SoftmaxRow(float* row, int visible, int length)
    {
        var max = SimdRows<TW, TV>.Max(row, visible);
        var inverse = 1f / SimdRows<TW, TV>.SumExp(row, visible, max, row);
        var (scale, zero) = (TW.Splat(inverse), TW.Splat(0f));
        var j = 0;
        for (; j <= visible - TW.Count; j += TW.Count) TW.Store(row + j, TW.Mul(TW.Load(row + j), scale));
        for (; j < visible; j++) row[j] *= inverse;
        for (; j <= length - TW.Count; j += TW.Count) TW.Store(row + j, zero);
        for (; j < length; j++) row[j] = 0;
    }

    /// <summary>The scores' gradient of one row in place of ∂p: scale·p ⊙ (∂p − Σⱼ ∂p ⊙ p), 0 at the masked keys.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void ScoreGradientRow(float* p, float* dp, int visible, int length, float scale)
    {
        var acc = TW.Splat(0f);
        var j = 0;
        for (; j <= visible - TW.Count; j += TW.Count) acc = TW.Fma(TW.Load(p + j), TW.Load(dp + j), acc);
        var dot = TW.SumLanes(acc);
        for (; j < visible; j++) dot += p[j] * dp[j];
        var (s, centre) = (TW.Splat(scale), TW.Splat(dot));
        j = 0;
        for (; j <= visible - TW.Count; j += TW.Count) TW.Store(dp + j, TW.Mul(TW.Mul(TW.Load(p + j), s), TW.Sub(TW.Load(dp + j), centre)));
        for (; j < visible; j++) dp[j] = p[j] * scale * (dp[j] - dot);
        for (; j < length; j++) dp[j] = 0;
    }

    /// <summary>Where head (b, h) of a [b, heads, t, d] operand starts, and its row stride.</summary>
    private readonly struct Heads(float* origin, long batchStride, long headStride, int rowStride)
    {
        public static Heads Of(Tensor t, AttentionAttributes a) =>
            new(t.HostPointer<float>(), t.Strides[0], t.Strides[1], t.Shape[2] <= 1 ? a.HeadDim : t.Strides[2]);

        public int RowStride { get; } = rowStride;

        public float* At(int b, int h) => origin + b * batchStride + h * headStride;
    }
}
