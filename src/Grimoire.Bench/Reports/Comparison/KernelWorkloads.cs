using Grimoire.Ops;

namespace Grimoire.Bench.Reports.Comparison;

/// <summary>One call of an op at one size: operand shapes, attributes, and the work it does. Flops are nominal for
/// elementwise ops (one per element and operand pass, a transcendental counted as one); bytes are the compulsory traffic
/// (every input read once, the output written once), so flops / bytes places the kernel on the roofline.</summary>
public sealed record KernelWorkload(string Op, string Size, double SizeValue, Shape[] Inputs, Shape Output, object? Attributes, double Flops, double Bytes, bool ComputeBound);

/// <summary>The sizes a sweep runs: element counts of elementwise ops, reductions and row ops (from cache-resident to far
/// beyond the last-level cache), square GEMM sizes, and batch sizes of the dense layer (784 → 256), the convolution
/// (16 → 32 channels, 3x3, padding 1) and 2x2 max pooling (32 channels), over <paramref name="Image"/> x <paramref name="Image"/> maps.</summary>
public sealed record SweepSizes(int[] Elements, int[] Gemm, int[] Batches, int Image = 32)
{
    public static readonly SweepSizes Quick = new([1 << 14, 1 << 23], [64, 256, 512], [4, 32]);

    public static readonly SweepSizes Full = new([1 << 12, 1 << 16, 1 << 20, 1 << 24], [64, 128, 256, 512, 1024, 2048], [1, 8, 32, 128]);
}

/// <summary>The sizes the report sweeps for each op it has a workload for. Ops not listed here are named in the report as
/// not swept, so a reader sees what is missing.</summary>
public static class KernelWorkloads
{
    private const double Float = sizeof(float);
    private const int SoftmaxCols = 1024;

    /// <summary>Every workload of the sweep at <paramref name="sizes"/>, op by op.</summary>
    public static IEnumerable<KernelWorkload> All(SweepSizes sizes)
    {
        foreach (var n in sizes.Elements)
        {
            var label = $"2^{int.Log2(n)} elements";
            Shape flat = new(n);
            foreach (var op in OpNames.Unary) yield return new(op, label, n, [flat], flat, UnaryAttributes(op), n, 2 * Float * n, false);
            foreach (var op in OpNames.Binary.Concat(OpNames.Compare)) yield return new(op, label, n, [flat, flat], flat, null, n, 3 * Float * n, false);
            yield return new(OpNames.Where, label, n, [flat, flat, flat], flat, null, n, 4 * Float * n, false);
            foreach (var op in new[] { OpNames.Sum, OpNames.Max })
                yield return new(op, label, n, [flat], new Shape(1, 1), new ReduceAttributes(1, n, 1), n, Float * n, false);
            yield return new(OpNames.CumSum, label, n, [flat], flat, new ScanAttributes(1, n, 1, false), n, 2 * Float * n, false);
            // exp, sum, divide (or subtract the log-sum) and the max pass: about four flops an element.
            Shape rows = new(Math.Max(1, n / SoftmaxCols), Math.Min(n, SoftmaxCols));
            var attributes = new ReduceAttributes(rows[0], rows[1], 1);
            foreach (var op in new[] { OpNames.Softmax, OpNames.LogSoftmax }) yield return new(op, label, n, [rows], rows, attributes, 4.0 * n, 2 * Float * n, false);
            // mean, variance, normalise, scale and shift: about eight flops an element.
            yield return new(OpNames.LayerNorm, label, n, [rows, new Shape(rows[1]), new Shape(rows[1])], rows, new LayerNormAttributes(rows[0], rows[1], 1e-5), 8.0 * n, 2 * Float * n, false);
        }
        // Causal self-attention as the transformer runs it (4 heads of 32, batch 1) at the GEMM sizes as sequence lengths,
        // up to 1024 (the saved probabilities grow as t²): QKᵀ and PV over the visible half, and the probabilities written.
        foreach (var t in sizes.Gemm.Where(t => t <= 1024))
        {
            const int heads = 4, dim = 32;
            Shape qkv = new(1, heads, t, dim);
            var attention = new AttentionAttributes(1, heads, t, t, dim, 1 / Math.Sqrt(dim), Causal: true, Offset: 0);
            yield return new(OpNames.Attention, $"t={t}", t, [qkv, qkv, qkv], new Shape((int)(attention.OutputElements + attention.ProbabilityElements)), attention,
                2.0 * heads * t * (t + 1) * dim, Float * (4.0 * qkv.Size + attention.ProbabilityElements), true);
        }
        foreach (var n in sizes.Gemm)
            yield return new(OpNames.MatMul, $"n={n}", n, [new Shape(1, n, n), new Shape(1, n, n)], new Shape(1, n, n), new MatMulAttributes(1, n, n, n), 2.0 * n * n * n, 3 * Float * n * n, true);
        foreach (var batch in sizes.Batches)
        {
            const int k = 784, n = 256;
            yield return new(OpNames.Linear, $"batch {batch}", batch, [new Shape(1, batch, k), new Shape(1, k, n), new Shape(n)], new Shape(batch, n),
                new LinearAttributes(batch, n, k, Activation.Relu), 2.0 * batch * k * n, Float * (batch * k + k * n + n + batch * n), true);
            var window = new UnfoldGeometry(batch, 16, sizes.Image, sizes.Image, 3, 3, 1, 1);
            var conv = new ConvAttributes(window, 32, 1);
            var convFlops = 2.0 * conv.OutputShape.Size * conv.Taps;
            yield return new(OpNames.Conv2d, $"batch {batch}", batch, [conv.InputShape, conv.WeightShape, new Shape(32)], conv.OutputShape, conv,
                convFlops, Float * (conv.InputShape.Size + conv.WeightShape.Size + 32 + conv.OutputShape.Size), true);
            // The two gradients are GEMMs of the same size as the forward pass.
            var convBytes = Float * (conv.InputShape.Size + conv.WeightShape.Size + conv.OutputShape.Size);
            yield return new(OpNames.Conv2dBackwardInput, $"batch {batch}", batch, [conv.OutputShape, conv.WeightShape], conv.InputShape, conv, convFlops, convBytes, true);
            yield return new(OpNames.Conv2dBackwardWeight, $"batch {batch}", batch, [conv.OutputShape, conv.InputShape], conv.WeightShape, conv, convFlops, convBytes, true);
            var pool = new UnfoldGeometry(batch, 32, sizes.Image, sizes.Image, 2, 2, 2, 0);
            Shape image = new(batch, 32, sizes.Image, sizes.Image), pooled = new(batch, 32, sizes.Image / 2, sizes.Image / 2);
            yield return new(OpNames.MaxPool2d, $"batch {batch}", batch, [image], pooled, pool, image.Size, Float * (image.Size + pooled.Size), false);
            yield return new(OpNames.AvgPool2d, $"batch {batch}", batch, [image], pooled, new AvgPoolAttributes(pool, false), image.Size, Float * (image.Size + pooled.Size), false);
            // Recurrent cells (hidden 256): gate nonlinearities and the state update, about two flops per gate element.
            const int hidden = 256;
            Shape state = new(batch, hidden);
            var cell = new RecurrentCellAttributes(batch, hidden);
            yield return new(OpNames.LstmCell, $"batch {batch}", batch, [new Shape(batch, 4 * hidden), new Shape(batch, 4 * hidden), state], new Shape(6, batch, hidden), cell,
                8.0 * batch * hidden, Float * 15 * batch * hidden, false);
            yield return new(OpNames.GruCell, $"batch {batch}", batch, [new Shape(batch, 3 * hidden), new Shape(batch, 3 * hidden), state], new Shape(4, batch, hidden), cell,
                6.0 * batch * hidden, Float * 11 * batch * hidden, false);
        }
    }

    /// <summary>The attribute record a unary op needs (PyTorch's defaults), or null.</summary>
    private static object? UnaryAttributes(string op) => op switch
    {
        OpNames.LeakyRelu => new UnaryAttributes(0.01),
        OpNames.Gelu => new GeluAttributes(false),
        OpNames.Softplus => new SoftplusAttributes(1, 20),
        OpNames.Clamp => new ClampAttributes(0.5, 1.5),
        _ => null,
    };
}
