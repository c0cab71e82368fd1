namespace Grimoire.Nn.Layers;

/// <summary>2-D convolution over NCHW batches (book §16.1, as cross-correlation with stride and padding; output
/// size ⌊(h + 2p − k)/s⌋ + 1): weight [out, in, k, k], bias [out]. Runs the engine's <see cref="Tensor.Conv2d"/>
/// (unfold + GEMM), whose backward gives the input, weight and bias gradients.</summary>
public sealed class Conv2d : Module
{
    public Conv2d(int inChannels, int outChannels, int kernelSize, int stride = 1, int padding = 0, Rng? rng = null, bool bias = true, DType dtype = DType.Float32)
    {
        if (inChannels < 1 || outChannels < 1) throw new ArgumentOutOfRangeException(nameof(inChannels), $"a convolution needs at least one input and one output channel, got {inChannels} -> {outChannels}");
        if (kernelSize < 1) throw new ArgumentOutOfRangeException(nameof(kernelSize), kernelSize, "kernel size must be positive");
        if (stride < 1) throw new ArgumentOutOfRangeException(nameof(stride), stride, "stride must be positive");
        if (padding < 0) throw new ArgumentOutOfRangeException(nameof(padding), padding, "padding must not be negative");
        var fanIn = inChannels * kernelSize * kernelSize;
        var bound = Initializer.HeUniform.Bound(fanIn, outChannels * kernelSize * kernelSize);
        (Stride, Padding) = (stride, padding);
        Weight = new Parameter("weight", Tensor.RandU(new Shape(outChannels, inChannels, kernelSize, kernelSize), -bound, bound, rng, dtype));
        Bias = bias ? new Parameter("bias", Tensor.Zeros(new Shape(outChannels), dtype)) : null;
    }

    public int Stride { get; }

    public int Padding { get; }

    public Parameter Weight { get; }

    public Parameter? Bias { get; }

    protected override IEnumerable<Parameter> OwnParameters => Bias is null ? [Weight] : [Weight, Bias];

    public override Tensor Forward(Tensor input) => input.Conv2d(Weight.Value, Bias?.Value, Stride, Padding);
}
