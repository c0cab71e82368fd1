using Grimoire.Autograd;
using Grimoire.Ops;

namespace Grimoire;

/// <summary>Scaled dot-product attention (book §33, Vaswani et al. 2017) as one fused op: per head the scores q·kᵀ/√d, the
/// causal mask, the row softmax and the weighted sum of the values, the probabilities saved for a fused backward op; and
/// the same computation composed of primitive ops (matmul, add, softmax), which is its decomposition and the reference the
/// fused kernels are tested against.</summary>
public sealed partial class Tensor
{
    /// <summary>softmax(q·kᵀ·scale + mask)·v per head, PyTorch's <c>scaled_dot_product_attention</c>: q [b, heads, tq, d],
    /// k and v [b, heads, tk, d] give [b, heads, tq, d]. With <paramref name="causal"/>, query i sits at position
    /// <paramref name="offset"/> + i and sees only the keys at or before it (offset: how many keys came from a cache before
    /// these queries; 0 for self-attention over one sequence). Scale defaults to 1/√d. Any strides with unit stride along d
    /// are read in place (views of a packed projection cost no copy).</summary>
    /// <exception cref="ShapeException">the operands are not [b, heads, t, d] with matching b, heads and d and equal key and
    /// value lengths, or are empty along heads, t or d.</exception>
    /// <exception cref="ArgumentOutOfRangeException">a negative offset or a scale that is not finite.</exception>
    public static Tensor ScaledDotProductAttention(Tensor query, Tensor key, Tensor value, bool causal = false, int offset = 0, double? scale = null)
    {
        var a = AttentionSizes(query, key, value, causal, offset, scale);
        var y = AttentionOutput(a, query, key, value, new Shape(a.Batch, a.QueryLength, a.Heads, a.HeadDim));
        Tape.Record(y, OpNames.Attention, [query, key, value], g =>
        {
            if (GradMode.IsEnabled || a.QueryLength != a.KeyLength)
            {
                // Building a graph of the gradient, or queries over a longer cache: the rule in recorded primitives.
                var p = AttentionDecompositions.Probabilities(query, key, a);
                var (dq, dk, dv) = AttentionDecompositions.Gradients(g.Permute(0, 2, 1, 3), query, key, value, p, a.Scale);
                return [Tape.For(query, () => dq), Tape.For(key, () => dk), Tape.For(value, () => dv)];
            }
            var d = FusedAttentionGradient(g, y, query, key, value, a);
            Tensor Part(int k) => d.Slice(2, k, k + 1).Squeeze(2).Permute(0, 2, 1, 3);
            return [Tape.For(query, () => Part(0)), Tape.For(key, () => Part(1)), Tape.For(value, () => Part(2))];
        });
        return y.Permute(0, 2, 1, 3);
    }

    /// <summary>Multi-head self-attention over a packed projection: <paramref name="qkv"/> [b, t, 3·c] holds each token's
    /// query, key and value (c = heads·d each, heads side by side, as nanoGPT's <c>c_attn</c> output) and the result is
    /// [b, t, c] with the heads merged. The fused kernels read the projection in place and the backward op writes its
    /// gradient in the same packed layout, so no head is ever split off or copied.</summary>
    /// <exception cref="ShapeException">qkv is not [b, t, 3·heads·d] with d ≥ 1, or t is 0.</exception>
    /// <exception cref="ArgumentOutOfRangeException">heads below 1.</exception>
    public static Tensor SelfAttention(Tensor qkv, int heads, bool causal = true)
    {
        const string op = OpNames.Attention;
        ArgumentOutOfRangeException.ThrowIfLessThan(heads, 1);
        if (qkv.Rank != 3 || qkv.Shape[2] % (3 * heads) != 0 || qkv.Shape[2] == 0 || qkv.Shape[1] == 0)
            throw new ShapeException($"{op}: a packed projection must be [batch, tokens ≥ 1, 3·heads·head_dim] with {heads} heads, got {qkv.Shape}");
        var (b, t, c) = (qkv.Shape[0], qkv.Shape[1], qkv.Shape[2] / 3);
        var d = c / heads;
        Dispatch.Floating(op, qkv);
        var a = EnsureFits(new AttentionAttributes(b, heads, t, t, d, 1 / Math.Sqrt(d), causal, 0), qkv.Shape.ToString());
        Tensor y;
        using (var packed = qkv.Contiguous(copy: false, track: false))
        {
            var (q, k, v) = PackedViews(packed, a);
            using (q) using (k) using (v) y = AttentionOutput(a, q, k, v, new Shape(b, t, c));
        }
        return Tape.Record(y, op, [qkv], g =>
        {
            if (!GradMode.IsEnabled)
            {
                using var packed = qkv.Contiguous(copy: false, track: false);
                var (q, k, v) = PackedViews(packed, a);
                using (q) using (k) using (v) return [FusedAttentionGradient(g, y, q, k, v, a).Reshape(b, t, 3 * c)];
            }
            var parts = qkv.Reshape(b, t, 3, heads, d);
            Tensor Part(int k) => parts.Slice(2, k, k + 1).Squeeze(2).Permute(0, 2, 1, 3);
            var (pq, pk, pv) = (Part(0), Part(1), Part(2));
            var (dq, dk, dv) = AttentionDecompositions.Gradients(g.Reshape(b, t, heads, d).Permute(0, 2, 1, 3), pq, pk, pv,
                AttentionDecompositions.Probabilities(pq, pk, a), a.Scale);
            return [Concat([.. new[] { dq, dk, dv }.Select(x => x.Permute(0, 2, 1, 3).Unsqueeze(2))], 2).Reshape(b, t, 3 * c)];
        });
    }

    /// <summary>Untracked [b, heads, t, d] views of the queries, keys and values inside a dense packed [b, t, 3·heads·d] projection.</summary>
    private static (Tensor Q, Tensor K, Tensor V) PackedViews(Tensor packed, AttentionAttributes a)
    {
        var (t, c) = (a.QueryLength, a.Heads * a.HeadDim);
        var shape = new Shape(a.Batch, a.Heads, t, a.HeadDim);
        int[] strides = [t * 3 * c, a.HeadDim, 3 * c, 1];
        return (packed.View(shape, strides, packed.Offset, track: false), packed.View(shape, strides, packed.Offset + c, track: false),
            packed.View(shape, strides, packed.Offset + 2 * c, track: false));
    }

    /// <summary><see cref="ScaledDotProductAttention"/> written with primitive ops (matmul, an additive −∞ mask, softmax,
    /// matmul): the reference composition, and the fused op's decomposition.</summary>
    public static Tensor ScaledDotProductAttentionComposed(Tensor query, Tensor key, Tensor value, bool causal = false, int offset = 0, double? scale = null)
    {
        var a = AttentionSizes(query, key, value, causal, offset, scale);
        return AttentionDecompositions.Probabilities(query, key, a).MatMul(value);
    }

    /// <summary>The attention probabilities [b, heads, tq, tk] the op saved beside the output <paramref name="y"/>.</summary>
    internal static Tensor SavedProbabilities(Tensor y, AttentionAttributes a) =>
        y.View(new Shape(a.Batch, a.Heads, a.QueryLength, a.KeyLength), new Shape(a.Batch, a.Heads, a.QueryLength, a.KeyLength).ContiguousStrides(),
            y.Offset + (int)a.OutputElements, track: false);

    /// <summary>The gradients of q, k and v [b, t, 3, heads, d] from the gradient of the output [b, t, heads, d] (any layout), the
    /// saved probabilities and the operands. Not differentiable again.</summary>
    internal static Tensor AttentionBackward(Tensor gradient, Tensor query, Tensor key, Tensor value, Tensor probabilities, AttentionAttributes a)
    {
        const string op = OpNames.AttentionBackward;
        Tensor[] operands = [gradient, query, key, value, probabilities];
        Dispatch.SameDType(op, operands);
        Dispatch.SameDevice(op, operands);
        if (a.QueryLength != a.KeyLength) throw new ShapeException($"{op}: the fused backward op takes self-attention (as many queries as keys), got {a.QueryLength} queries over {a.KeyLength} keys");
        using var g = gradient.Contiguous(copy: false, track: false);
        using var q = AttentionOperand(query);
        using var k = AttentionOperand(key);
        using var v = AttentionOperand(value);
        using var p = probabilities.Contiguous(copy: false, track: false);
        var output = AllocateUninitialized(new Shape(a.Batch, a.QueryLength, 3, a.Heads, a.HeadDim), query.DType, query.Device);
        Dispatch.Run(op, output, a, g, q, k, v, p);
        return Tape.Record(output, op, operands, _ => throw new AutogradException($"{op} has no gradient: differentiate attention twice with createGraph, which records its composed rule"));
    }

    private static Tensor FusedAttentionGradient(Tensor g, Tensor y, Tensor q, Tensor k, Tensor v, AttentionAttributes a)
    {
        using var p = SavedProbabilities(y, a);
        return AttentionBackward(g.Reshape(a.Batch, a.QueryLength, a.Heads, a.HeadDim), q, k, v, p, a);
    }

    /// <summary>Runs the forward op; returns the output as a <paramref name="shape"/> view of its first part (the saved
    /// probabilities stay alive behind it in the same storage).</summary>
    private static Tensor AttentionOutput(AttentionAttributes a, Tensor query, Tensor key, Tensor value, Shape shape)
    {
        using var saved = AttentionSaved(a, query, key, value);
        return saved.View(shape, shape.ContiguousStrides(), saved.Offset);
    }

    /// <summary>The forward op's whole output (result, then probabilities; see <see cref="OpContracts"/>), not recorded.</summary>
    internal static Tensor AttentionSaved(Tensor query, Tensor key, Tensor value, bool causal, int offset, double? scale = null) =>
        AttentionSaved(AttentionSizes(query, key, value, causal, offset, scale), query, key, value);

    private static Tensor AttentionSaved(AttentionAttributes a, Tensor query, Tensor key, Tensor value)
    {
        using var q = AttentionOperand(query);
        using var k = AttentionOperand(key);
        using var v = AttentionOperand(value);
        var saved = AllocateUninitialized(new Shape((int)a.SavedElements), query.DType, query.Device);
        return Dispatch.Run(OpNames.Attention, saved, a, q, k, v);
    }

    /// <summary>The operand itself when its rows are unit-stride and do not overlap (what the kernels read), else a dense copy.</summary>
    private static Tensor AttentionOperand(Tensor t)
    {
        var rows = t.Shape[3] <= 1 || t.Strides[3] == 1;
        var apart = t.Shape[2] <= 1 || t.Strides[2] >= t.Shape[3];
        var forward = t.Strides[0] >= 0 && t.Strides[1] >= 0;
        return rows && apart && forward ? t.View(t.Shape, t.StrideArray, t.Offset, track: false) : t.Contiguous(copy: false, track: false);
    }

    /// <summary><paramref name="a"/> if its output and saved probabilities fit one tensor (sizes in 64 bits: a long context
    /// squares past int range long before memory runs out), else a ShapeException naming <paramref name="operands"/>.</summary>
    private static AttentionAttributes EnsureFits(AttentionAttributes a, string operands) => a.SavedElements <= int.MaxValue ? a
        : throw new ShapeException($"{OpNames.Attention}: {operands} needs {a.SavedElements} elements of output and probabilities " +
            $"(batch {a.Batch} × heads {a.Heads} × {a.QueryLength} queries × {a.KeyLength} keys), more than the {int.MaxValue} one tensor holds");

    /// <summary>Checks the operands of an attention and gives its sizes.</summary>
    private static AttentionAttributes AttentionSizes(Tensor q, Tensor k, Tensor v, bool causal, int offset, double? scale)
    {
        const string op = OpNames.Attention;
        if (q.Rank != 4 || k.Rank != 4 || v.Rank != 4)
            throw new ShapeException($"{op}: query, key and value must be [batch, heads, tokens, head_dim], got {q.Shape}, {k.Shape} and {v.Shape}");
        var (b, h, tq, d) = (q.Shape[0], q.Shape[1], q.Shape[2], q.Shape[3]);
        var tk = k.Shape[2];
        if (k.Shape != new Shape(b, h, tk, d)) throw new ShapeException($"{op}: key {k.Shape} does not match query {q.Shape} in batch, heads or head_dim");
        if (v.Shape != k.Shape) throw new ShapeException($"{op}: value {v.Shape} must have the key's shape {k.Shape}");
        if (h == 0 || tq == 0 || tk == 0 || d == 0) throw new ShapeException($"{op}: heads, tokens and head_dim must be at least 1, got query {q.Shape} and key {k.Shape}");
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        if (scale is double s && !double.IsFinite(s)) throw new ArgumentOutOfRangeException(nameof(scale), s, "attention scale must be finite");
        Dispatch.SameDType(op, q, k, v);
        Dispatch.SameDevice(op, q, k, v);
        Dispatch.Floating(op, q);
        return EnsureFits(new AttentionAttributes(b, h, tq, tk, d, scale ?? 1 / Math.Sqrt(d), causal, offset), $"query {q.Shape} over key {k.Shape}");
    }
}
