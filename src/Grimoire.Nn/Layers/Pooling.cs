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

    public static Pool2d Max(int size, int? stride = null, int padding = 0) => new(max: true, size, stride ?? size, padding, countIncludePad: false);

    public static Pool2d Average(int size, int? stride = null, int padding = 0, bool countIncludePad = true) => new(max: false, size, stride ?? size, padding, countIncludePad);

    public int Size { get; }

    public int Stride { get; }

    public int Padding { get; }

    /// <summary>Average pooling only: whether padding pixels count in each window's divisor.</summary>
    public bool CountIncludePad { get; }

    public override Tensor Forward(Tensor input) =>
        _max ? input.MaxPool2d(Size, Stride, Padding) : input.AvgPool2d(Size, Stride, Padding, CountIncludePad);
}

/// <summary>Reshapes each row of a batch to a fixed shape, e.g. 64 pixels to [1, 8, 8] for convolutions.</summary>
public sealed class Unflatten(params int[] shape) : Module
{
    public override Tensor Forward(Tensor input) => input.Reshape([input.Shape[0], .. shape]);
}
