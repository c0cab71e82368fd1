namespace Grimoire.Ops;

/// <summary>The layouts each op family guarantees its kernels, and the attribute records it passes.
/// Outputs are always fresh, contiguous and of the op's output shape, and not zeroed (the kernel writes every
/// element; see UninitializedMemory), unless stated.
/// <list type="bullet">
/// <item>unary: one contiguous input of the output's shape; <see cref="UnaryAttributes"/> (leaky_relu slope),
/// <see cref="GeluAttributes"/>, <see cref="SoftplusAttributes"/>, <see cref="ClampAttributes"/>.</item>
/// <item>binary, compare: two inputs already broadcast to the output's shape (any strides, 0 for broadcast axes).</item>
/// <item>where: a, b, condition (in a's dtype), all broadcast to the output's shape (any strides).</item>
/// <item>sum, max, argmax: contiguous input viewed as [outer, length, inner], output [outer, inner]; <see cref="ReduceAttributes"/>.</item>
/// <item>copy: input and output of equal shape, both any strides (the output may be a view).</item>
/// <item>cast: contiguous input, contiguous output of another dtype; kernels keyed by the input dtype.</item>
/// <item>concat: contiguous inputs, each [outer, size_i, inner]; <see cref="ConcatAttributes"/>.</item>
/// <item>gather: contiguous x [outer, n, inner], contiguous int32 indices [k] all in [0, n), output [outer, k, inner]; <see cref="AxisAttributes"/>.</item>
/// <item>scatter_add: contiguous src [outer, k, inner], contiguous int32 indices [k] in [0, n), zeroed output [outer, n, inner].</item>
/// <item>unfold: contiguous x [n, c, h, w], output [n, c·kh·kw, ho·wo] (row (ci·kh + i)·kw + j holds the input
/// pixels that kernel tap (i, j) of channel ci sees, input pixel (oy·s − p + i·d, ox·s − p + j·d) for dilation d, zero in
/// the padding); fold: the adjoint, from that layout
/// back to a zeroed [n, c, h, w], overlapping taps summed; <see cref="UnfoldGeometry"/>.</item>
/// <item>conv2d: contiguous x [n, c, h, w], weight [cout, c / groups, kh, kw] and optional bias [cout], output
/// [n, cout, ho, wo] = the cross-correlation of each group's input channels with its weights (plus the bias);
/// conv2d_backward_input: contiguous gradient [n, cout, ho, wo] and weight, output [n, c, h, w] (the adjoint in x, every
/// element written); conv2d_backward_weight: contiguous gradient [n, cout, ho, wo] and x, output [cout, c / groups, kh, kw]
/// summed over the batch (every element written); <see cref="ConvAttributes"/>.</item>
/// <item>max_pool2d: contiguous x [n, c, h, w], output [n, c, ho, wo], the maximum of each window's pixels inside
/// the image (NaN if it holds one); max_pool2d_backward: contiguous gradient [n, c, ho, wo], x [n, c, h, w] and pooled
/// y [n, c, ho, wo], zeroed output [n, c, h, w] receiving each gradient at the first pixel (row-major) of its window
/// equal to its y (NaN matching NaN), none if no pixel is; <see cref="UnfoldGeometry"/> with a square window.</item>
/// <item>cumsum: contiguous x viewed as [outer, length, inner], output of the same layout holding the running sums
/// along length (from its end when reversed); <see cref="ScanAttributes"/>.</item>
/// <item>avg_pool2d: contiguous x [n, c, h, w], output [n, c, ho, wo], each window's sum over the pixels inside the image
/// divided by the full window's k·k (count_include_pad) or by the pixels inside; avg_pool2d_backward: contiguous gradient
/// [n, c, ho, wo], zeroed output [n, c, h, w] receiving each window's gradient over that divisor at each of its pixels inside
/// the image; <see cref="AvgPoolAttributes"/> with a square window and dilation 1.</item>
/// <item>matmul: A [batch, m, k] and B [batch, k, n] views whose last two axes have unit stride in one of them
/// (row- or column-major); batch stride any (0 when broadcast); output [batch, m, n]; <see cref="MatMulAttributes"/>.</item>
/// <item>linear: A [1, m, k] contiguous, W [1, k, n] row- or column-major as for matmul, optional contiguous bias [n];
/// output [m, n] = activation(A·W + bias); <see cref="LinearAttributes"/>.</item>
/// <item>softmax, log_softmax: contiguous [rows, cols], normalised along cols; <see cref="ReduceAttributes"/> with inner = 1.</item>
/// <item>cross_entropy: contiguous logits [n, c], contiguous int32 labels [n] in [0, c); scalar output, mean over rows.</item>
/// <item>mse: two contiguous inputs of equal shape; scalar output, the mean squared difference.</item>
/// <item>layer_norm: contiguous x of rows·cols elements, contiguous weight and bias of cols elements (ones and zeros
/// when the caller gave none), output like x; <see cref="LayerNormAttributes"/>.</item>
/// <item>normal_log_prob: x, mean and log σ already broadcast to the output's shape (any strides, as for binary ops).</item>
/// <item>categorical_log_prob: contiguous logits [n, c], contiguous int32 actions [n] in [0, c); output [n].</item>
/// <item>adam_update: param, grad, m, v dense of one shape; the output is param itself, and m and v are updated in
/// place too; <see cref="AdamAttributes"/>.</item>
/// <item>lstm_cell: contiguous input gates and hidden gates [b, 4h] (PyTorch's order i, f, g, o along the row) and previous cell
/// state [b, h]; output [6, b, h] holding the new h, the new c and the activated gates σ(i), σ(f), tanh(g), σ(o), one plane
/// each (what the backward op reads); lstm_cell_backward: contiguous gradients of h and c [b, h], previous cell state [b, h] and
/// that saved [6, b, h] output; output [b, 5h], each row the gradient of the gate pre-activations (4h, order i, f, g, o) then
/// of the previous cell state (h); <see cref="RecurrentCellAttributes"/>.</item>
/// <item>gru_cell: contiguous input gates and hidden gates [b, 3h] (order r, z, n; the hidden gates include b_hh, since the
/// reset gate scales them) and previous state [b, h]; output [4, b, h]: the new h, then r, z and n; gru_cell_backward:
/// contiguous gradient of h [b, h], previous state [b, h], hidden gates [b, 3h] and the saved [4, b, h] output; output
/// [b, 7h], each row the gradient of the input gates (3h), of the hidden gates (3h) and the direct part z·∂h of the previous
/// state's (h); <see cref="RecurrentCellAttributes"/>.</item>
/// <item>attention: q [b, heads, tq, d], k and v [b, heads, tk, d], any strides with unit stride along d (views of a packed
/// [b, t, 3·heads·d] projection qualify); output a flat vector: the result [b, tq, heads, d] (heads already merged), then the
/// softmax probabilities [b, heads, tq, tk] (0 where masked), which the backward op reads; attention_backward: contiguous
/// gradient [b, tq, heads, d], q, k, v as above with tq = tk, and the saved probabilities [b, heads, tq, tk] contiguous;
/// output [b, tq, 3, heads, d], the gradients of q, k and v interleaved as a packed projection's;
/// <see cref="AttentionAttributes"/>.</item>
/// <item>gelu_backward: the gradient ∂y and the input x, already broadcast to the output's shape (any strides, as for binary
/// ops); output ∂y·gelu′(x); <see cref="GeluAttributes"/>.</item>
/// </list></summary>
public static class OpContracts;

/// <summary>The one number of a unary op with a parameter.</summary>
/// <param name="Alpha">leaky_relu's slope for x ≤ 0.</param>
public sealed record UnaryAttributes(double Alpha);

/// <summary>gelu's form, as PyTorch's <c>approximate</c>: the exact x·Φ(x), or its tanh approximation.</summary>
public sealed record GeluAttributes(bool Tanh);

/// <summary>softplus as PyTorch's: log(1 + e^(β·x))/β, and x itself where β·x &gt; threshold.</summary>
/// <exception cref="ArgumentOutOfRangeException">β is not a positive finite number, or the threshold is NaN.</exception>
public sealed record SoftplusAttributes(double Beta, double Threshold)
{
    /// <summary>β, a positive finite number.</summary>
    public double Beta { get; } = double.IsFinite(Beta) && Beta > 0 ? Beta
        : throw new ArgumentOutOfRangeException(nameof(Beta), Beta, "softplus beta must be a positive finite number");

    /// <summary>Above β·x of this, softplus is x itself; not NaN.</summary>
    public double Threshold { get; } = !double.IsNaN(Threshold) ? Threshold
        : throw new ArgumentOutOfRangeException(nameof(Threshold), Threshold, "softplus threshold must not be NaN");
}

/// <summary>clamp's bounds; a missing bound is an infinite one.</summary>
/// <exception cref="ArgumentException">neither bound is given.</exception>
/// <exception cref="ArgumentOutOfRangeException">a bound is NaN.</exception>
public sealed record ClampAttributes(double? Min, double? Max)
{
    /// <summary>The lower bound, or null for none; not NaN.</summary>
    public double? Min { get; } = Min is null && Max is null ? throw new ArgumentException("clamp needs at least one of min and max")
        : Min is double.NaN ? throw new ArgumentOutOfRangeException(nameof(Min), Min, "clamp bound must not be NaN") : Min;

    /// <summary>The upper bound, or null for none; not NaN.</summary>
    public double? Max { get; } = Max is double.NaN ? throw new ArgumentOutOfRangeException(nameof(Max), Max, "clamp bound must not be NaN") : Max;

    /// <summary>The lower bound, −∞ when there is none.</summary>
    public double Lower => Min ?? double.NegativeInfinity;

    /// <summary>The upper bound, +∞ when there is none.</summary>
    public double Upper => Max ?? double.PositiveInfinity;
}

/// <summary>The contiguous [outer, length, inner] view a reduction (or softmax, with inner = 1) runs over.</summary>
/// <param name="Outer">Product of the sizes before the reduced axes.</param>
/// <param name="Length">Product of the reduced sizes: the elements folded into each output.</param>
/// <param name="Inner">Product of the sizes after the reduced axes.</param>
public sealed record ReduceAttributes(int Outer, int Length, int Inner);

/// <summary>The layout of concat: each input is [outer, Sizes[i], inner], the output [outer, ΣSizes, inner].</summary>
/// <param name="Outer">Product of the sizes before the concatenation axis.</param>
/// <param name="Inner">Product of the sizes after it.</param>
/// <param name="Sizes">Each input's size along the axis, in order.</param>
public sealed record ConcatAttributes(int Outer, int Inner, int[] Sizes);

/// <summary>The layout of gather and scatter_add: the indexed tensor (gather's input, scatter_add's output) is
/// [outer, length, inner] and the indices pick along length.</summary>
/// <param name="Outer">Product of the sizes before the indexed axis.</param>
/// <param name="Length">Size of the indexed axis, n: every index lies in [0, n).</param>
/// <param name="Inner">Product of the sizes after it.</param>
public sealed record AxisAttributes(int Outer, int Length, int Inner);

/// <summary>The contiguous [outer, length, inner] view cumsum scans along length.</summary>
/// <param name="Outer">Product of the sizes before the scanned axis.</param>
/// <param name="Length">Size of the scanned axis.</param>
/// <param name="Inner">Product of the sizes after it.</param>
/// <param name="Reverse">True for suffix sums, from the end of the axis.</param>
public sealed record ScanAttributes(int Outer, int Length, int Inner, bool Reverse);

/// <summary>Average pooling: the window geometry and whether padding pixels count in the divisor (PyTorch's count_include_pad).</summary>
public sealed record AvgPoolAttributes(UnfoldGeometry Window, bool CountIncludePad);

/// <summary>A 2-D convolution's sizes: the input's sliding-window geometry (batch, channels, image, kernel, stride, padding,
/// dilation), the output channels and the groups (PyTorch's <c>groups</c>: input group i feeds only output group i). The
/// constructor checks that the groups divide both channel counts and that the weight and output sizes fit int elements, so
/// kernels can index with the derived sizes.</summary>
public sealed record ConvAttributes
{
    /// <exception cref="ArgumentOutOfRangeException">groups below 1 or a negative output channel count.</exception>
    /// <exception cref="ShapeException">groups that do not divide the input or output channels, or a weight or output with
    /// more than int.MaxValue elements.</exception>
    public ConvAttributes(UnfoldGeometry window, int outChannels, int groups)
    {
        ArgumentNullException.ThrowIfNull(window);
        ArgumentOutOfRangeException.ThrowIfLessThan(groups, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(outChannels);
        if (window.Channels % groups != 0 || outChannels % groups != 0)
            throw new ShapeException($"conv2d: {groups} groups must divide both the {window.Channels} input channels and the {outChannels} output channels");
        var weight = (long)outChannels * (window.Channels / groups) * window.KernelHeight * window.KernelWidth;
        var output = (long)window.Batch * outChannels * window.Columns;
        if (weight > int.MaxValue || output > int.MaxValue)
            throw new ShapeException($"conv2d: {outChannels} output channels over [{window.Batch}, {window.Channels}, {window.Height}, {window.Width}] give a weight of {weight} and an output of {output} elements, more than {int.MaxValue}");
        (Window, OutChannels, Groups) = (window, outChannels, groups);
    }

    /// <summary>The input's geometry: batch, channels, image, kernel, stride, padding and dilation, and the output pixels.</summary>
    public UnfoldGeometry Window { get; }

    /// <summary>Output channels (cout).</summary>
    public int OutChannels { get; }

    /// <summary>Channel groups; each output group sees only its input group.</summary>
    public int Groups { get; }

    /// <summary>Input channels per group.</summary>
    public int InPerGroup => Window.Channels / Groups;

    /// <summary>Output channels per group.</summary>
    public int OutPerGroup => OutChannels / Groups;

    /// <summary>Weight elements per output channel: (c / groups)·kh·kw, a group's unfolded rows.</summary>
    public int Taps => InPerGroup * Window.KernelHeight * Window.KernelWidth;

    /// <summary>[n, c, h, w].</summary>
    public Shape InputShape => new(Window.Batch, Window.Channels, Window.Height, Window.Width);

    /// <summary>[cout, c / groups, kh, kw].</summary>
    public Shape WeightShape => new(OutChannels, InPerGroup, Window.KernelHeight, Window.KernelWidth);

    /// <summary>[n, cout, ho, wo].</summary>
    public Shape OutputShape => new(Window.Batch, OutChannels, Window.OutHeight, Window.OutWidth);
}

/// <summary>The sizes of a batched matmul: [batch, m, k] · [batch, k, n] = [batch, m, n].</summary>
/// <param name="Batch">Number of matrix products (1 when batches were folded into the rows).</param>
/// <param name="M">Rows of A and of the output.</param>
/// <param name="N">Columns of B and of the output.</param>
/// <param name="K">Columns of A, rows of B: the length of each dot product.</param>
public sealed record MatMulAttributes(int Batch, int M, int N, int K);

/// <summary>The sizes of a fused dense layer: output [m, n] = activation(A [m, k] · W [k, n] + bias [n]).</summary>
/// <param name="M">Rows of the input and of the output.</param>
/// <param name="N">Output features.</param>
/// <param name="K">Input features.</param>
/// <param name="Activation">The activation applied in the epilogue.</param>
public sealed record LinearAttributes(int M, int N, int K, Activation Activation);

/// <summary>Sliding-window geometry of unfold/fold (and so of conv2d and pooling): square stride, symmetric zero
/// padding and a dilation d spacing the kernel taps d pixels apart (PyTorch's dilation; the kernel spans (k − 1)·d + 1). The constructor checks every size in 64-bit arithmetic, so kernels can index with the derived sizes:
/// the image, the unfolded matrix and their sums all fit in int elements. Derived sizes are computed once, since
/// kernels read them in their inner loops.</summary>
public sealed record UnfoldGeometry
{
    /// <exception cref="ShapeException">a negative image size, a kernel larger than the padded image, or a derived size
    /// (output pixels, unfolded rows, columns or elements, image elements) beyond int range.</exception>
    /// <exception cref="ArgumentOutOfRangeException">a kernel size, stride or dilation below 1, or negative padding.</exception>
    public UnfoldGeometry(int batch, int channels, int height, int width, int kernelHeight, int kernelWidth, int stride, int padding, int dilation = 1)
    {
        if (batch < 0 || channels < 0 || height < 0 || width < 0)
            throw new ShapeException($"image [{batch}, {channels}, {height}, {width}] has a negative size");
        if (kernelHeight < 1 || kernelWidth < 1)
            throw new ArgumentOutOfRangeException(nameof(kernelHeight), $"kernel size must be positive, got {kernelHeight}x{kernelWidth}");
        ArgumentOutOfRangeException.ThrowIfLessThan(stride, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(padding);
        ArgumentOutOfRangeException.ThrowIfLessThan(dilation, 1);
        var (paddedHeight, paddedWidth) = (height + 2L * padding, width + 2L * padding);
        var (spanHeight, spanWidth) = ((kernelHeight - 1L) * dilation + 1, (kernelWidth - 1L) * dilation + 1);
        var dilated = dilation == 1 ? "" : $" with dilation {dilation}";
        if (paddedHeight < spanHeight || paddedWidth < spanWidth)
            throw new ShapeException($"a {kernelHeight}x{kernelWidth} kernel{dilated} does not fit input [{batch}, {channels}, {height}, {width}] with padding {padding}");
        var (outHeight, outWidth) = ((paddedHeight - spanHeight) / stride + 1, (paddedWidth - spanWidth) / stride + 1);
        var (rows, columns) = ((long)channels * kernelHeight * kernelWidth, outHeight * outWidth);
        Fits("output pixels", columns);
        Fits("unfolded rows", rows);
        Fits("unfolded elements", batch * rows * columns);
        Fits("image elements", (long)batch * channels * height * width);
        // Kernels compute input coordinates oy·s − p + i·d in int: every one lies within the padded image.
        Fits("padded rows", paddedHeight);
        Fits("padded columns", paddedWidth);
        (Batch, Channels, Height, Width, KernelHeight, KernelWidth, Stride, Padding, Dilation) = (batch, channels, height, width, kernelHeight, kernelWidth, stride, padding, dilation);
        (OutHeight, OutWidth, Rows, Columns) = ((int)outHeight, (int)outWidth, (int)rows, (int)columns);

        void Fits(string what, long count)
        {
            if (count > int.MaxValue)
                throw new ShapeException($"a {kernelHeight}x{kernelWidth} kernel{dilated} with stride {stride} and padding {padding} over [{batch}, {channels}, {height}, {width}] " +
                    $"gives {count} {what}, more than {int.MaxValue}");
        }
    }

    /// <summary>Images in the batch (n).</summary>
    public int Batch { get; }

    /// <summary>Channels per image (c).</summary>
    public int Channels { get; }

    /// <summary>Image height in pixels, before padding.</summary>
    public int Height { get; }

    /// <summary>Image width in pixels, before padding.</summary>
    public int Width { get; }

    /// <summary>Kernel (window) height in taps.</summary>
    public int KernelHeight { get; }

    /// <summary>Kernel (window) width in taps.</summary>
    public int KernelWidth { get; }

    /// <summary>Pixels between neighbouring windows, in both directions.</summary>
    public int Stride { get; }

    /// <summary>Zero pixels added on each side of the image, in both directions.</summary>
    public int Padding { get; }

    /// <summary>Spacing of the kernel taps: tap (i, j) reads input pixel (oy·s − p + i·d, ox·s − p + j·d).</summary>
    public int Dilation { get; }

    /// <summary>Output height: (height + 2·padding − span) / stride + 1, span = (kernelHeight − 1)·dilation + 1.</summary>
    public int OutHeight { get; }

    /// <summary>Output width: (width + 2·padding − span) / stride + 1, span = (kernelWidth − 1)·dilation + 1.</summary>
    public int OutWidth { get; }

    /// <summary>Rows of the unfolded matrix: one per (channel, kernel tap).</summary>
    public int Rows { get; }

    /// <summary>Columns of the unfolded matrix: one per output pixel.</summary>
    public int Columns { get; }
}

/// <summary>The two numbers an elementwise kernel reads from a unary op's attributes, so every backend reads them alike:
/// leaky_relu's slope, clamp's bounds (infinite when missing), softplus's β and threshold; zeros otherwise.</summary>
public static class UnaryParameters
{
    /// <summary>(P, Q) for <paramref name="attributes"/>; (0, 0) for null or a record the unary ops do not take.</summary>
    public static (double P, double Q) Of(object? attributes) => attributes switch
    {
        UnaryAttributes a => (a.Alpha, 0),
        ClampAttributes c => (c.Lower, c.Upper),
        SoftplusAttributes s => (s.Beta, s.Threshold),
        _ => (0, 0),
    };
}
