namespace Grimoire.Ops;

/// <summary>Attention and its backward op written with primitives (see <see cref="Decompositions"/>), in the layouts of
/// <see cref="OpContracts"/>; the same formulas are the fused op's gradient rule when a graph of the gradient is built.</summary>
internal static class AttentionDecompositions
{
    public static Tensor Attention(ReadOnlySpan<Tensor> inputs, object? attributes)
    {
        var a = (AttentionAttributes)attributes!;
        var p = Probabilities(inputs[0], inputs[1], a);
        var y = p.MatMul(inputs[2]).Permute(0, 2, 1, 3);
        return Tensor.Concat([y.Reshape(-1), p.Reshape(-1)], 0);
    }

    public static Tensor AttentionBackward(ReadOnlySpan<Tensor> inputs, object? attributes)
    {
        var a = (AttentionAttributes)attributes!;
        var (dq, dk, dv) = Gradients(inputs[0].Permute(0, 2, 1, 3), inputs[1], inputs[2], inputs[3], inputs[4], a.Scale);
        return Tensor.Concat([.. new[] { dq, dk, dv }.Select(d => d.Permute(0, 2, 1, 3).Unsqueeze(2))], 2);
    }

    public static Tensor GeluBackward(ReadOnlySpan<Tensor> inputs, object? attributes) =>
        Tensor.GeluGradient(inputs[1], inputs[0], ((GeluAttributes)attributes!).Tanh);

    /// <summary>softmax(q·kᵀ·scale + mask) [b, heads, tq, tk], the mask −∞ at keys after a query's position when causal.</summary>
    public static Tensor Probabilities(Tensor q, Tensor k, AttentionAttributes a)
    {
        var scores = q.MatMul(k.Transpose()) * a.Scale;
        if (!a.Causal) return scores.Softmax(-1);
        var mask = new double[a.QueryLength * a.KeyLength];
        for (var i = 0; i < a.QueryLength; i++)
        {
            for (var j = a.Visible(i); j < a.KeyLength; j++) mask[i * a.KeyLength + j] = double.NegativeInfinity;
        }
        using var masked = Tensor.FromArray(mask, new Shape(a.QueryLength, a.KeyLength)).To(q.DType).To(q.Device);
        return (scores + masked).Softmax(-1);
    }

    /// <summary>With s = q·kᵀ·scale and p = softmax(s): ∂v = pᵀ·∂y, ∂p = ∂y·vᵀ, ∂s = p ⊙ (∂p − Σⱼ ∂p ⊙ p)·scale, ∂q = ∂s·k,
    /// ∂k = ∂sᵀ·q; all [b, heads, t, d] from the gradient ∂y [b, heads, tq, d].</summary>
    public static (Tensor Query, Tensor Key, Tensor Value) Gradients(Tensor gradient, Tensor q, Tensor k, Tensor v, Tensor p, double scale)
    {
        var dv = p.Transpose().MatMul(gradient);
        var dp = gradient.MatMul(v.Transpose());
        var ds = p * (dp - (dp * p).Sum(-1, keepDims: true)) * scale;
        return (ds.MatMul(k), ds.Transpose().MatMul(q), dv);
    }
}
