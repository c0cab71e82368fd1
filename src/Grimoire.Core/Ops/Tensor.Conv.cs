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
    /// equal to the channel count is a depthwise convolution). One op (a GEMM over the implicitly unfolded input, bias in
    /// its epilogue), whose gradients are the ops <see cref="Conv2dBackwardInput(Tensor, Tensor, Grimoire.Shape, int, int, int, int)"/> and <see cref="Conv2dBackwardWeight(Tensor, Tensor, Grimoire.Shape, int, int, int, int)"/>;
    /// a device without convolution kernels runs it as unfold and a matmul.</summary>
    public Tensor Conv2d(Tensor weight, Tensor? bias = null, int stride = 1, int padding = 0, int dilation = 1, int groups = 1)
    {
        const string op = OpNames.Conv2d;
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
        Tensor[] operands = bias is null ? [this, weight] : [this, weight, bias];
        Dispatch.SameDType(op, operands);
        Dispatch.SameDevice(op, operands);
        Dispatch.Floating(op, this);
        return Conv2d(this, weight, bias, new ConvAttributes(Geometry(Shape, weight.Shape[2], weight.Shape[3], stride, padding, dilation), cout, groups));
    }

    /// <summary>The gradient of <see cref="Conv2d(Tensor, Tensor?, int, int, int, int)"/> with respect to its input, for an input of shape <paramref name="input"/>:
    /// the transposed convolution of <paramref name="gradOutput"/> [n, out_channels, ho, wo] with <paramref name="weight"/>
    /// [out_channels, in_channels / groups, kh, kw] (every output pixel's gradient sent back through its taps), shape
    /// <paramref name="input"/>. Linear in both operands.</summary>
    public static Tensor Conv2dBackwardInput(Tensor gradOutput, Tensor weight, Shape input, int stride = 1, int padding = 0, int dilation = 1, int groups = 1)
    {
        const string op = OpNames.Conv2dBackwardInput;
        if (weight.Rank != 4) throw new ShapeException($"{op} needs a weight of shape [out_channels, in_channels / groups, kh, kw], got {weight.Shape}");
        var a = BackwardAttributes(op, input, weight.Shape[0], weight.Shape[2], weight.Shape[3], stride, padding, dilation, groups);
        if (weight.Shape != a.WeightShape)
            throw new ShapeException($"{op}: weight {weight.Shape} does not match input {input} with {groups} groups (expected {a.WeightShape})");
        CheckGradient(op, gradOutput, a);
        Dispatch.SameDType(op, gradOutput, weight);
        Dispatch.SameDevice(op, gradOutput, weight);
        Dispatch.Floating(op, gradOutput);
        return Conv2dBackwardInput(gradOutput, weight, a);
    }

    /// <summary>The gradient of <see cref="Conv2d(Tensor, Tensor?, int, int, int, int)"/> with respect to its weight, for a weight of shape <paramref name="weight"/>:
    /// each tap's products of <paramref name="gradOutput"/> [n, out_channels, ho, wo] with the <paramref name="input"/> pixels
    /// it saw, summed over the batch and the output pixels. Linear in both operands.</summary>
    public static Tensor Conv2dBackwardWeight(Tensor gradOutput, Tensor input, Shape weight, int stride = 1, int padding = 0, int dilation = 1, int groups = 1)
    {
        const string op = OpNames.Conv2dBackwardWeight;
        if (weight.Rank != 4) throw new ShapeException($"{op} needs a weight shape [out_channels, in_channels / groups, kh, kw], got {weight}");
        var a = BackwardAttributes(op, input.Shape, weight[0], weight[2], weight[3], stride, padding, dilation, groups);
        if (weight != a.WeightShape)
            throw new ShapeException($"{op}: weight shape {weight} does not match input {input.Shape} with {groups} groups (expected {a.WeightShape})");
        CheckGradient(op, gradOutput, a);
        Dispatch.SameDType(op, gradOutput, input);
        Dispatch.SameDevice(op, gradOutput, input);
        Dispatch.Floating(op, gradOutput);
        return Conv2dBackwardWeight(gradOutput, input, a);
    }

    private static Tensor Conv2d(Tensor input, Tensor weight, Tensor? bias, ConvAttributes a)
    {
        const string op = OpNames.Conv2d;
        using var x = input.Contiguous(copy: false, track: false);
        using var w = weight.Contiguous(copy: false, track: false);
        using var b = bias?.Contiguous(copy: false, track: false);
        Tensor[] operands = b is null ? [x, w] : [x, w, b];
        var y = Dispatch.Run(op, AllocateUninitialized(a.OutputShape, input.DType, input.Device), a, operands);
        return Tape.Record(y, op, bias is null ? [input, weight] : [input, weight, bias], grad =>
        {
            // One contiguous gradient for the three rules (a broadcast one, as from a sum, is materialised once, not thrice).
            var g = grad.Contiguous();
            return
            [
                Tape.For(input, () => Conv2dBackwardInput(g, weight, a)),
                Tape.For(weight, () => Conv2dBackwardWeight(g, input, a)),
                .. bias is null ? Array.Empty<Tensor?>() : [Tape.For(bias, () => g.Sum([0, 2, 3]))],
            ];
        });
    }

    private static Tensor Conv2dBackwardInput(Tensor gradOutput, Tensor weight, ConvAttributes a)
    {
        const string op = OpNames.Conv2dBackwardInput;
        using var dy = gradOutput.Contiguous(copy: false, track: false);
        using var w = weight.Contiguous(copy: false, track: false);
        var dx = Dispatch.Run(op, AllocateUninitialized(a.InputShape, gradOutput.DType, gradOutput.Device), a, dy, w);
        // dx is linear in both: ⟨dx, v⟩ is conv2d(v, W) paired with dy, and the weight gradient of dy against v.
        return Tape.Record(dx, op, [gradOutput, weight], v =>
        [
            Tape.For(gradOutput, () => Conv2d(v, weight, null, a)),
            Tape.For(weight, () => Conv2dBackwardWeight(gradOutput, v, a)),
        ]);
    }

    private static Tensor Conv2dBackwardWeight(Tensor gradOutput, Tensor input, ConvAttributes a)
    {
        const string op = OpNames.Conv2dBackwardWeight;
        using var dy = gradOutput.Contiguous(copy: false, track: false);
        using var x = input.Contiguous(copy: false, track: false);
        var dw = Dispatch.Run(op, AllocateUninitialized(a.WeightShape, gradOutput.DType, gradOutput.Device), a, dy, x);
        // dW is linear in both: ⟨dW, V⟩ is conv2d(x, V) paired with dy, and the input gradient of dy through V.
        return Tape.Record(dw, op, [gradOutput, input], v =>
        [
            Tape.For(gradOutput, () => Conv2d(input, v, null, a)),
            Tape.For(input, () => Conv2dBackwardInput(gradOutput, v, a)),
        ]);
    }

    private static ConvAttributes BackwardAttributes(string op, Shape input, int outChannels, int kernelHeight, int kernelWidth, int stride, int padding, int dilation, int groups)
    {
        if (input.Rank != 4) throw new ShapeException($"{op} needs an input shape [n, channels, height, width], got {input}");
        if (groups < 1) throw new ArgumentOutOfRangeException(nameof(groups), groups, $"{op}: groups must be positive");
        return new ConvAttributes(Geometry(input, kernelHeight, kernelWidth, stride, padding, dilation), outChannels, groups);
    }

    private static void CheckGradient(string op, Tensor gradOutput, ConvAttributes a)
    {
        if (gradOutput.Shape != a.OutputShape)
            throw new ShapeException($"{op}: gradient of shape {gradOutput.Shape} does not match the convolution of {a.InputShape} by {a.WeightShape} with stride {a.Window.Stride}, padding {a.Window.Padding} and dilation {a.Window.Dilation} (expected {a.OutputShape})");
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
