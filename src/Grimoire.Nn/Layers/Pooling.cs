namespace Grimoire.Nn.Layers;

/// <summary>Max or average pooling over size x size windows of NCHW batches (book §16.3, output ⌊(h − f)/s⌋ + 1).
/// Max pooling is the engine's <see cref="Tensor.MaxPool2d"/> (gradient to each window's maximum). Average
/// pooling is composed from engine ops: unfold gathers each window into a column and mean reduces it, so its
/// backward pass (the gradient shared equally) comes from those ops.</summary>
public sealed class Pool2d : Module
{
    private readonly bool _max;

    private Pool2d(bool max, int size, int stride)
    {
        if (size < 1) throw new ArgumentOutOfRangeException(nameof(size), size, "pooling window must be positive");
        if (stride < 1) throw new ArgumentOutOfRangeException(nameof(stride), stride, "pooling stride must be positive");
        (_max, Size, Stride) = (max, size, stride);
    }

    public static Pool2d Max(int size, int? stride = null) => new(max: true, size, stride ?? size);

    public static Pool2d Average(int size, int? stride = null) => new(max: false, size, stride ?? size);

    public int Size { get; }

    public int Stride { get; }

    public override Tensor Forward(Tensor input)
    {
        if (_max) return input.MaxPool2d(Size, Stride);
        if (input.Rank != 4) throw new ShapeException($"pooling needs [n, channels, height, width], got {input.Shape}");
        var (n, c, h, w) = (input.Shape[0], input.Shape[1], input.Shape[2], input.Shape[3]);
        if (h < Size || w < Size) throw new ShapeException($"a {Size}x{Size} pooling window does not fit input {input.Shape}");
        var (ho, wo) = ((h - Size) / Stride + 1, (w - Size) / Stride + 1);
        // Intermediates stay alive for backward; the caller's TensorScope releases them with the step.
        var windows = input.Unfold(Size, Size, Stride).Reshape(n, c, Size * Size, ho * wo);
        return windows.Mean([2]).Reshape(n, c, ho, wo);
    }
}

/// <summary>Reshapes each row of a batch to a fixed shape, e.g. 64 pixels to [1, 8, 8] for convolutions.</summary>
public sealed class Unflatten(params int[] shape) : Module
{
    public override Tensor Forward(Tensor input) => input.Reshape([input.Shape[0], .. shape]);
}
