namespace Grimoire.Ops;

/// <summary>The fused recurrent cells and their backward ops written with primitives (see <see cref="Decompositions"/>), in
/// the layouts of <see cref="OpContracts"/>; the forward ones are <see cref="Tensor.LstmCellComposed"/> and
/// <see cref="Tensor.GruCellComposed"/> with their saved planes.</summary>
internal static class RecurrentDecompositions
{
    public static Tensor LstmCell(ReadOnlySpan<Tensor> inputs, object? attributes)
    {
        var (h, c, (i, f, g, o)) = Tensor.LstmCellParts(inputs[0], inputs[1], inputs[2]);
        return Planes(h, c, i, f, g, o);
    }

    public static Tensor GruCell(ReadOnlySpan<Tensor> inputs, object? attributes)
    {
        var (h, (r, z, n)) = Tensor.GruCellParts(inputs[0], inputs[1], inputs[2]);
        return Planes(h, r, z, n);
    }

    /// <summary>tc = tanh(c); ∂c = ∂c_out + ∂h·o·(1 − tc²); gates ∂i·i(1 − i), ∂f·f(1 − f), ∂g·(1 − g²), ∂o·o(1 − o) with
    /// ∂i = ∂c·g, ∂f = ∂c·c_prev, ∂g = ∂c·i, ∂o = ∂h·tc; ∂c_prev = ∂c·f.</summary>
    public static Tensor LstmCellBackward(ReadOnlySpan<Tensor> inputs, object? attributes)
    {
        var saved = inputs[3];
        return LstmCellBackward(inputs[0], inputs[1], inputs[2], saved.Plane(1), (saved.Plane(2), saved.Plane(3), saved.Plane(4), saved.Plane(5)));
    }

    /// <summary>The LSTM step's gradient [b, 5h] from the gradients of h and c, c_prev, c and the activated gates.</summary>
    public static Tensor LstmCellBackward(Tensor gradH, Tensor gradC, Tensor cPrev, Tensor c, (Tensor I, Tensor F, Tensor G, Tensor O) gates)
    {
        var (i, f, g, o) = gates;
        var tc = c.Tanh();
        var dc = gradC + gradH * o * (1 - tc * tc);
        return Tensor.Concat([dc * g * i * (1 - i), dc * cPrev * f * (1 - f), dc * i * (1 - g * g), gradH * tc * o * (1 - o), dc * f], 1);
    }

    /// <summary>∂n = ∂h·(1 − z), ∂z = ∂h·(h_prev − n); pre-activations ∂n·(1 − n²) = a_n, ∂r = a_n·h_n·r(1 − r), ∂z·z(1 − z); the
    /// hidden part of n gets a_n·r; the direct part of ∂h_prev is ∂h·z.</summary>
    public static Tensor GruCellBackward(ReadOnlySpan<Tensor> inputs, object? attributes)
    {
        var saved = inputs[3];
        return GruCellBackward(inputs[0], inputs[1], inputs[2], (saved.Plane(1), saved.Plane(2), saved.Plane(3)));
    }

    /// <summary>The GRU step's gradient [b, 7h] from the gradient of h, h_prev, the hidden gates and r, z, n.</summary>
    public static Tensor GruCellBackward(Tensor gradH, Tensor hPrev, Tensor hiddenGates, (Tensor R, Tensor Z, Tensor N) gates)
    {
        var (r, z, n) = gates;
        var hn = Tensor.Block(hiddenGates, 2, hPrev.Shape[1]);
        var an = gradH * (1 - z) * (1 - n * n);
        var ar = an * hn * r * (1 - r);
        var az = gradH * (hPrev - n) * z * (1 - z);
        return Tensor.Concat([ar, az, an, ar, az, an * r, gradH * z], 1);
    }

    /// <summary>[b, h] tensors stacked into [planes, b, h].</summary>
    private static Tensor Planes(params Tensor[] planes) => Tensor.Concat([.. planes.Select(p => p.Unsqueeze(0))], 0);
}
