namespace Grimoire.Nn.Layers;

/// <summary>2-D convolution over NCHW batches or unbatched CHW images (book §16.1, as cross-correlation with stride,
/// padding and PyTorch's dilation and groups; output size ⌊(h + 2p − d(k − 1) − 1)/s⌋ + 1): weight
/// [out, in / groups, k, k], bias [out]. Runs the engine's <see cref="Tensor.Conv2d"/> (unfold + GEMM batched over the
/// groups), whose backward gives the input, weight and bias gradients.</summary>
public sealed class Conv2d : Module
{
    /// <summary>A convolution with <paramref name="kernelSize"/> × <paramref name="kernelSize"/> kernels, weights drawn from He's
    /// uniform U(−√(6/fan_in), √(6/fan_in)) with <paramref name="rng"/> (<see cref="Rng.Default"/> when null), bias zero
    /// (none when <paramref name="bias"/> is false).</summary>
    /// <exception cref="ArgumentOutOfRangeException">a channel count, kernel size, stride, dilation or group count below 1,
    /// or negative padding.</exception>
    /// <exception cref="ArgumentException">groups that do not divide both channel counts.</exception>
    public Conv2d(int inChannels, int outChannels, int kernelSize, int stride = 1, int padding = 0, Rng? rng = null, bool bias = true, DType dtype = DType.Float32,
        int dilation = 1, int groups = 1)
    {
        if (inChannels < 1 || outChannels < 1) throw new ArgumentOutOfRangeException(nameof(inChannels), $"a convolution needs at least one input and one output channel, got {inChannels} -> {outChannels}");
        if (kernelSize < 1) throw new ArgumentOutOfRangeException(nameof(kernelSize), kernelSize, "kernel size must be positive");
        if (stride < 1) throw new ArgumentOutOfRangeException(nameof(stride), stride, "stride must be positive");
        if (padding < 0) throw new ArgumentOutOfRangeException(nameof(padding), padding, "padding must not be negative");
        if (dilation < 1) throw new ArgumentOutOfRangeException(nameof(dilation), dilation, "dilation must be positive");
        if (groups < 1) throw new ArgumentOutOfRangeException(nameof(groups), groups, "groups must be positive");
        if (inChannels % groups != 0 || outChannels % groups != 0)
            throw new ArgumentException($"{groups} groups must divide both the {inChannels} input and the {outChannels} output channels", nameof(groups));
        var fanIn = inChannels / groups * kernelSize * kernelSize;
        var bound = Initializer.HeUniform.Bound(fanIn, outChannels / groups * kernelSize * kernelSize);
        (Stride, Padding, Dilation, Groups) = (stride, padding, dilation, groups);
        Weight = new Parameter("weight", Tensor.RandU(new Shape(outChannels, inChannels / groups, kernelSize, kernelSize), -bound, bound, rng, dtype));
        Bias = bias ? new Parameter("bias", Tensor.Zeros(new Shape(outChannels), dtype)) : null;
    }

    /// <summary>Pixels between neighbouring windows.</summary>
    public int Stride { get; }

    /// <summary>Zero pixels added on each side of the image.</summary>
    public int Padding { get; }

    /// <summary>Spacing of the kernel taps (1: adjacent pixels).</summary>
    public int Dilation { get; }

    /// <summary>Channel groups; input group i feeds only output group i.</summary>
    public int Groups { get; }

    /// <summary>[out, in / groups, k, k].</summary>
    public Parameter Weight { get; }

    /// <summary>[out], or null for a convolution without bias.</summary>
    public Parameter? Bias { get; }

    /// <inheritdoc/>
    protected override IEnumerable<Parameter> OwnParameters => Bias is null ? [Weight] : [Weight, Bias];

    /// <summary>[n, in, h, w] (or [in, h, w]) to [n, out, ho, wo] (or [out, ho, wo]).</summary>
    public override Tensor Forward(Tensor input) => input.Conv2d(Weight.Value, Bias?.Value, Stride, Padding, Dilation, Groups);
}
