using Grimoire.Autograd;
using Grimoire.Ops;

namespace Grimoire;

public sealed partial class Tensor
{
    /// <summary>2-D convolution (cross-correlation, as in every deep-learning framework) of this NCHW input
    /// with <paramref name="weight"/> [out_channels, in_channels, kh, kw], plus an optional
    /// <paramref name="bias"/> [out_channels]. Output [n, out_channels, ho, wo] with
    /// ho = ⌊(h + 2·padding − kh) / stride⌋ + 1 (book §16.1, which omits the stride). Computed as an unfold
    /// (im2col) followed by one batched GEMM, so the backward pass comes from those two ops.</summary>
    public Tensor Conv2d(Tensor weight, Tensor? bias = null, int stride = 1, int padding = 0)
    {
        const string op = "conv2d";
        if (Rank != 4) throw new ShapeException($"{op} needs an input of shape [n, channels, height, width], got {Shape}");
        if (weight.Rank != 4) throw new ShapeException($"{op} needs a weight of shape [out_channels, in_channels, kh, kw], got {weight.Shape}");
        if (weight.Shape[1] != Shape[1])
            throw new ShapeException($"{op}: input {Shape} has {Shape[1]} channels but weight {weight.Shape} expects {weight.Shape[1]}");
        var cout = weight.Shape[0];
        if (bias is not null && (bias.Rank != 1 || bias.Shape[0] != cout))
            throw new ShapeException($"{op}: bias must have shape [{cout}] for weight {weight.Shape}, got {bias.Shape}");
        var cols = Unfold(weight.Shape[2], weight.Shape[3], stride, padding);
        var g = Geometry(Shape, weight.Shape[2], weight.Shape[3], stride, padding);
        var y = weight.Reshape(cout, g.Rows).MatMul(cols).Reshape(g.Batch, cout, g.OutHeight, g.OutWidth);
        return bias is null ? y : y + bias.Reshape(1, cout, 1, 1);
    }

    /// <summary>im2col of this NCHW tensor: [n, c·kh·kw, ho·wo], each column the receptive field of one output pixel.</summary>
    public Tensor Unfold(int kernelHeight, int kernelWidth, int stride = 1, int padding = 0)
    {
        const string op = OpNames.Unfold;
        if (Rank != 4) throw new ShapeException($"{op} needs an input of shape [n, channels, height, width], got {Shape}");
        Dispatch.Floating(op, this);
        var g = Geometry(Shape, kernelHeight, kernelWidth, stride, padding);
        using var x = Contiguous(copy: false, track: false);
        var y = Dispatch.Run(op, AllocateUninitialized(new Shape(g.Batch, g.Rows, g.Columns), DType, Device), g, x);
        return Tape.Record(y, op, [this], grad => [grad.Fold(g)]);
    }

    /// <summary>col2im, the adjoint of <see cref="Unfold"/>: this [n, c·kh·kw, ho·wo] tensor summed back into
    /// the [n, c, height, width] pixels each column came from.</summary>
    public Tensor Fold(int height, int width, int kernelHeight, int kernelWidth, int stride = 1, int padding = 0)
    {
        const string op = OpNames.Fold;
        if (Rank != 3) throw new ShapeException($"{op} needs columns of shape [n, channels·kh·kw, positions], got {Shape}");
        var taps = (long)kernelHeight * kernelWidth;
        if (kernelHeight < 1 || kernelWidth < 1 || Shape[1] % taps != 0)
            throw new ShapeException($"{op}: {Shape[1]} rows in {Shape} are not a whole number of {kernelHeight}x{kernelWidth} kernels");
        var image = new Shape(Shape[0], (int)(Shape[1] / taps), height, width);
        return Fold(Geometry(image, kernelHeight, kernelWidth, stride, padding));
    }

    private Tensor Fold(UnfoldGeometry g)
    {
        const string op = OpNames.Fold;
        var expected = new Shape(g.Batch, g.Rows, g.Columns);
        if (Shape != expected) throw new ShapeException($"{op}: columns of shape {Shape} do not match a {g.KernelHeight}x{g.KernelWidth} kernel with stride {g.Stride} and padding {g.Padding} over [{g.Height}, {g.Width}] images (expected {expected})");
        Dispatch.Floating(op, this);
        using var cols = Contiguous(copy: false, track: false);
        var y = Dispatch.Run(op, Allocate(new Shape(g.Batch, g.Channels, g.Height, g.Width), DType, Device), g, cols);
        return Tape.Record(y, op, [this], grad => [grad.Unfold(g.KernelHeight, g.KernelWidth, g.Stride, g.Padding)]);
    }

    private static UnfoldGeometry Geometry(Shape input, int kernelHeight, int kernelWidth, int stride, int padding) =>
        new(input[0], input[1], input[2], input[3], kernelHeight, kernelWidth, stride, padding);
}
