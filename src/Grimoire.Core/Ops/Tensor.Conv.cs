using Grimoire.Autograd;
using Grimoire.Ops;

namespace Grimoire;

public sealed partial class Tensor
{
    /// <summary>2-D convolution (cross-correlation, as in every deep-learning framework) of this NCHW input, or unbatched
    /// CHW giving CHW, with <paramref name="weight"/> [out_channels, in_channels / groups, kh, kw], plus an optional
    /// <paramref name="bias"/> [out_channels]: PyTorch's <c>conv2d</c>. Output [n, out_channels, ho, wo] with
    /// ho = ⌊(h + 2·padding − dilation·(kh − 1) − 1) / stride⌋ + 1 (book §16.1 has dilation 1 and omits the stride).
    /// With <paramref name="groups"/> g the channels split into g groups, input group i feeding only output group i (so g
    /// equal to the channel count is a depthwise convolution). Computed as one unfold (im2col) and one GEMM batched over
    /// the groups, so the backward pass comes from those two ops.</summary>
    public Tensor Conv2d(Tensor weight, Tensor? bias = null, int stride = 1, int padding = 0, int dilation = 1, int groups = 1)
    {
        const string op = "conv2d";
        if (Rank == 3) return Unbatched(x => x.Conv2d(weight, bias, stride, padding, dilation, groups));
        if (Rank != 4) throw new ShapeException($"{op} needs an input of shape [n, channels, height, width] (or unbatched [channels, height, width]), got {Shape}");
        if (weight.Rank != 4) throw new ShapeException($"{op} needs a weight of shape [out_channels, in_channels / groups, kh, kw], got {weight.Shape}");
        if (groups < 1) throw new ArgumentOutOfRangeException(nameof(groups), groups, $"{op}: groups must be positive");
        var (cin, cout) = (Shape[1], weight.Shape[0]);
        if (cin % groups != 0 || cout % groups != 0)
            throw new ShapeException($"{op}: {groups} groups must divide both the {cin} input channels of {Shape} and the {cout} output channels of weight {weight.Shape}");
        if ((long)weight.Shape[1] * groups != cin)
            throw new ShapeException($"{op}: input {Shape} has {cin} channels but weight {weight.Shape} expects {(long)weight.Shape[1] * groups} ({weight.Shape[1]} per group, {groups} groups)");
        if (bias is not null && (bias.Rank != 1 || bias.Shape[0] != cout))
            throw new ShapeException($"{op}: bias must have shape [{cout}] for weight {weight.Shape}, got {bias.Shape}");
        var g = Geometry(Shape, weight.Shape[2], weight.Shape[3], stride, padding, dilation);
        var rowsPerGroup = g.Rows / groups;
        var cols = Unfold(g).Reshape(g.Batch, groups, rowsPerGroup, g.Columns);
        // Unfolded rows run channel by channel, so each group's rows are one contiguous block, met by its [cout / g, rows / g] weights.
        var y = weight.Reshape(groups, cout / groups, rowsPerGroup).MatMul(cols).Reshape(g.Batch, cout, g.OutHeight, g.OutWidth);
        return bias is null ? y : y + bias.Reshape(1, cout, 1, 1);
    }

    /// <summary>im2col of this NCHW tensor: [n, c·kh·kw, ho·wo], each column the receptive field of one output pixel,
    /// its taps <paramref name="dilation"/> pixels apart.</summary>
    public Tensor Unfold(int kernelHeight, int kernelWidth, int stride = 1, int padding = 0, int dilation = 1)
    {
        if (Rank != 4) throw new ShapeException($"{OpNames.Unfold} needs an input of shape [n, channels, height, width], got {Shape}");
        return Unfold(Geometry(Shape, kernelHeight, kernelWidth, stride, padding, dilation));
    }

    private Tensor Unfold(UnfoldGeometry g)
    {
        const string op = OpNames.Unfold;
        Dispatch.Floating(op, this);
        using var x = Contiguous(copy: false, track: false);
        var y = Dispatch.Run(op, AllocateUninitialized(new Shape(g.Batch, g.Rows, g.Columns), DType, Device), g, x);
        return Tape.Record(y, op, [this], grad => [grad.Fold(g)]);
    }

    /// <summary>col2im, the adjoint of <see cref="Unfold(int, int, int, int, int)"/>: this [n, c·kh·kw, ho·wo] tensor summed back into
    /// the [n, c, height, width] pixels each column came from.</summary>
    public Tensor Fold(int height, int width, int kernelHeight, int kernelWidth, int stride = 1, int padding = 0, int dilation = 1)
    {
        const string op = OpNames.Fold;
        if (Rank != 3) throw new ShapeException($"{op} needs columns of shape [n, channels·kh·kw, positions], got {Shape}");
        var taps = (long)kernelHeight * kernelWidth;
        if (kernelHeight < 1 || kernelWidth < 1 || Shape[1] % taps != 0)
            throw new ShapeException($"{op}: {Shape[1]} rows in {Shape} are not a whole number of {kernelHeight}x{kernelWidth} kernels");
        var image = new Shape(Shape[0], (int)(Shape[1] / taps), height, width);
        return Fold(Geometry(image, kernelHeight, kernelWidth, stride, padding, dilation));
    }

    private Tensor Fold(UnfoldGeometry g)
    {
        const string op = OpNames.Fold;
        var expected = new Shape(g.Batch, g.Rows, g.Columns);
        if (Shape != expected) throw new ShapeException($"{op}: columns of shape {Shape} do not match a {g.KernelHeight}x{g.KernelWidth} kernel with dilation {g.Dilation}, stride {g.Stride} and padding {g.Padding} over [{g.Height}, {g.Width}] images (expected {expected})");
        Dispatch.Floating(op, this);
        using var cols = Contiguous(copy: false, track: false);
        var y = Dispatch.Run(op, Allocate(new Shape(g.Batch, g.Channels, g.Height, g.Width), DType, Device), g, cols);
        return Tape.Record(y, op, [this], grad => [grad.Unfold(g)]);
    }

    private static UnfoldGeometry Geometry(Shape input, int kernelHeight, int kernelWidth, int stride, int padding, int dilation = 1) =>
        new(input[0], input[1], input[2], input[3], kernelHeight, kernelWidth, stride, padding, dilation);
}
