namespace Grimoire.Nn.Layers;

/// <summary>Max or average pooling over size x size windows of NCHW batches or unbatched CHW images (book §16.3, output
/// ⌊(h + 2p − f)/s⌋ + 1). Max pooling is the engine's <see cref="Tensor.MaxPool2d"/> (gradient to each window's maximum),
/// average pooling its <see cref="Tensor.AvgPool2d"/> (PyTorch's count_include_pad choice for the padding; the gradient
/// shared equally). Padding may be at most half the window.</summary>
public sealed class Pool2d : Module
{
    private readonly bool _max;

    private Pool2d(bool max, int size, int stride, int padding, bool countIncludePad)
    {
        if (size < 1) throw new ArgumentOutOfRangeException(nameof(size), size, "pooling window must be positive");
        if (stride < 1) throw new ArgumentOutOfRangeException(nameof(stride), stride, "pooling stride must be positive");
        if (padding < 0 || padding > size / 2) throw new ArgumentOutOfRangeException(nameof(padding), padding, $"pooling padding must be between 0 and half the {size}x{size} window");
        (_max, Size, Stride, Padding, CountIncludePad) = (max, size, stride, padding, countIncludePad);
    }

    /// <summary>Max pooling over <paramref name="size"/> × <paramref name="size"/> windows, <paramref name="stride"/> defaulting to the size.</summary>
    /// <exception cref="ArgumentOutOfRangeException">a size or stride below 1, or padding outside [0, size / 2].</exception>
    public static Pool2d Max(int size, int? stride = null, int padding = 0) => new(max: true, size, stride ?? size, padding, countIncludePad: false);

    /// <summary>Average pooling over <paramref name="size"/> × <paramref name="size"/> windows, <paramref name="stride"/> defaulting to the
    /// size; with <paramref name="countIncludePad"/> padding pixels count in the divisor (PyTorch's default).</summary>
    /// <exception cref="ArgumentOutOfRangeException">a size or stride below 1, or padding outside [0, size / 2].</exception>
    public static Pool2d Average(int size, int? stride = null, int padding = 0, bool countIncludePad = true) => new(max: false, size, stride ?? size, padding, countIncludePad);

    /// <summary>Window side, in pixels.</summary>
    public int Size { get; }

    /// <summary>Pixels between neighbouring windows.</summary>
    public int Stride { get; }

    /// <summary>Pixels added on each side (ignored by max, zeros for average).</summary>
    public int Padding { get; }

    /// <summary>Average pooling only: whether padding pixels count in each window's divisor.</summary>
    public bool CountIncludePad { get; }

    /// <summary>[n, c, h, w] (or [c, h, w]) to [n, c, ho, wo] (or [c, ho, wo]).</summary>
    public override Tensor Forward(Tensor input) =>
        _max ? input.MaxPool2d(Size, Stride, Padding) : input.AvgPool2d(Size, Stride, Padding, CountIncludePad);
}

/// <summary>Reshapes each row of a batch to a fixed shape, e.g. 64 pixels to [1, 8, 8] for convolutions.</summary>
public sealed class Unflatten(params int[] shape) : Module
{
    /// <summary>[n, d] (any trailing sizes of d elements in all) to [n, ...shape], a view where the input is contiguous.</summary>
    /// <exception cref="ShapeException">rows whose size is not that of the shape.</exception>
    public override Tensor Forward(Tensor input) => input.Reshape([input.Shape[0], .. shape]);
}
