namespace Grimoire.Ops;

/// <summary>The convolutions written as unfold (im2col) and a matmul batched over the groups (see <see cref="Decompositions"/>):
/// the path of a device without convolution kernels, and what the tests compare the kernels with. The unfolded rows run
/// channel by channel, so each group's rows are one contiguous block, met by its [cout / g, rows / g] weights.</summary>
internal static class ConvDecompositions
{
    public static Tensor Conv2d(ReadOnlySpan<Tensor> inputs, object? attributes)
    {
        var a = (ConvAttributes)attributes!;
        var y = Weights(inputs[1], a).MatMul(Columns(inputs[0], a)).Reshape(a.OutputShape.ToArray());
        return inputs.Length > 2 ? y + inputs[2].Reshape(1, a.OutChannels, 1, 1) : y;
    }

    /// <summary>Each group's weights transposed times its output gradient gives the gradient of its unfolded columns, which
    /// fold (col2im) sums back into the pixels they came from.</summary>
    public static Tensor Conv2dBackwardInput(ReadOnlySpan<Tensor> inputs, object? attributes)
    {
        var a = (ConvAttributes)attributes!;
        var g = a.Window;
        var columns = Weights(inputs[1], a).Transpose().MatMul(Gradient(inputs[0], a)).Reshape(g.Batch, g.Rows, g.Columns);
        return columns.Fold(g.Height, g.Width, g.KernelHeight, g.KernelWidth, g.Stride, g.Padding, g.Dilation);
    }

    /// <summary>Each image's output gradient times its unfolded columns transposed, summed over the batch.</summary>
    public static Tensor Conv2dBackwardWeight(ReadOnlySpan<Tensor> inputs, object? attributes)
    {
        var a = (ConvAttributes)attributes!;
        return Gradient(inputs[0], a).MatMul(Columns(inputs[1], a).Transpose()).Sum(0).Reshape(a.WeightShape.ToArray());
    }

    /// <summary>[groups, cout / groups, taps].</summary>
    private static Tensor Weights(Tensor weight, ConvAttributes a) => weight.Reshape(a.Groups, a.OutPerGroup, a.Taps);

    /// <summary>[n, groups, taps, ho·wo].</summary>
    private static Tensor Columns(Tensor x, ConvAttributes a)
    {
        var g = a.Window;
        return x.Unfold(g.KernelHeight, g.KernelWidth, g.Stride, g.Padding, g.Dilation).Reshape(g.Batch, a.Groups, a.Taps, g.Columns);
    }

    /// <summary>[n, groups, cout / groups, ho·wo].</summary>
    private static Tensor Gradient(Tensor gradOutput, ConvAttributes a) => gradOutput.Reshape(a.Window.Batch, a.Groups, a.OutPerGroup, a.Window.Columns);
}
