namespace Grimoire.Ops;

/// <summary>The layouts each op family guarantees its kernels, and the attribute records it passes.
/// Outputs are always fresh, contiguous and of the op's output shape, and not zeroed (the kernel writes every
/// element; see UninitializedMemory), unless stated.
/// <list type="bullet">
/// <item>unary: one contiguous input of the output's shape; <see cref="UnaryAttributes"/> (leaky_relu slope).</item>
/// <item>binary, compare: two inputs already broadcast to the output's shape (any strides, 0 for broadcast axes).</item>
/// <item>where: a, b, condition (in a's dtype), all broadcast to the output's shape (any strides).</item>
/// <item>sum, max, argmax: contiguous input viewed as [outer, length, inner], output [outer, inner]; <see cref="ReduceAttributes"/>.</item>
/// <item>copy: input and output of equal shape, both any strides (the output may be a view).</item>
/// <item>cast: contiguous input, contiguous output of another dtype; kernels keyed by the input dtype.</item>
/// <item>concat: contiguous inputs, each [outer, size_i, inner]; <see cref="ConcatAttributes"/>.</item>
/// <item>gather: contiguous x [outer, n, inner], contiguous int32 indices [k] all in [0, n), output [outer, k, inner]; <see cref="AxisAttributes"/>.</item>
/// <item>scatter_add: contiguous src [outer, k, inner], contiguous int32 indices [k] in [0, n), zeroed output [outer, n, inner].</item>
/// <item>unfold: contiguous x [n, c, h, w], output [n, c·kh·kw, ho·wo] (row (ci·kh + i)·kw + j holds the input
/// pixels that kernel tap (i, j) of channel ci sees, zero in the padding); fold: the adjoint, from that layout
/// back to a zeroed [n, c, h, w], overlapping taps summed; <see cref="UnfoldGeometry"/>.</item>
/// <item>max_pool2d: contiguous x [n, c, h, w], output [n, c, ho, wo], the maximum of each window's pixels inside
/// the image (NaN if it holds one); max_pool2d_backward: contiguous gradient [n, c, ho, wo], x [n, c, h, w] and pooled
/// y [n, c, ho, wo], zeroed output [n, c, h, w] receiving each gradient at the first pixel (row-major) of its window
/// equal to its y (NaN matching NaN), none if no pixel is; <see cref="UnfoldGeometry"/> with a square window.</item>
/// <item>matmul: A [batch, m, k] and B [batch, k, n] views whose last two axes have unit stride in one of them
/// (row- or column-major); batch stride any (0 when broadcast); output [batch, m, n]; <see cref="MatMulAttributes"/>.</item>
/// <item>linear: A [1, m, k] contiguous, W [1, k, n] row- or column-major as for matmul, optional contiguous bias [n];
/// output [m, n] = activation(A·W + bias); <see cref="LinearAttributes"/>.</item>
/// <item>softmax, log_softmax: contiguous [rows, cols], normalised along cols; <see cref="ReduceAttributes"/> with inner = 1.</item>
/// <item>cross_entropy: contiguous logits [n, c], contiguous int32 labels [n] in [0, c); scalar output, mean over rows.</item>
/// <item>mse: two contiguous inputs of equal shape; scalar output, the mean squared difference.</item>
/// </list></summary>
public static class OpContracts;

public sealed record UnaryAttributes(double Alpha);

public sealed record ReduceAttributes(int Outer, int Length, int Inner);

public sealed record ConcatAttributes(int Outer, int Inner, int[] Sizes);

public sealed record AxisAttributes(int Outer, int Length, int Inner);

public sealed record MatMulAttributes(int Batch, int M, int N, int K);

public sealed record LinearAttributes(int M, int N, int K, Activation Activation);

/// <summary>Sliding-window geometry of unfold/fold (and so of conv2d): square stride and symmetric zero padding.
/// Derived sizes are computed once, since kernels read them in their inner loops.</summary>
public sealed record UnfoldGeometry(int Batch, int Channels, int Height, int Width, int KernelHeight, int KernelWidth, int Stride, int Padding)
{
    public int OutHeight { get; } = (Height + 2 * Padding - KernelHeight) / Stride + 1;

    public int OutWidth { get; } = (Width + 2 * Padding - KernelWidth) / Stride + 1;

    /// <summary>Rows of the unfolded matrix: one per (channel, kernel tap).</summary>
    public int Rows { get; } = Channels * KernelHeight * KernelWidth;

    /// <summary>Columns of the unfolded matrix: one per output pixel.</summary>
    public int Columns { get; } = ((Height + 2 * Padding - KernelHeight) / Stride + 1) * ((Width + 2 * Padding - KernelWidth) / Stride + 1);
}
