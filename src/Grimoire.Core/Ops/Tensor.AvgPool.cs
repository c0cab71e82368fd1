using Grimoire.Autograd;
using Grimoire.Ops;

namespace Grimoire;

public sealed partial class Tensor
{
    /// <summary>Average pooling of this NCHW tensor (or unbatched CHW) over kernel x kernel windows, PyTorch's
    /// <c>avg_pool2d</c>: output [n, c, ho, wo] with ho = ⌊(h + 2·padding − kernel) / stride⌋ + 1, stride defaulting to the
    /// kernel. Padding counts as zeros; with <paramref name="countIncludePad"/> (the default) every window's sum is divided
    /// by kernel², otherwise by the number of its pixels inside the image. Padding may be at most half the window. The
    /// gradient shares each window's gradient out over its pixels by the same divisor.</summary>
    public Tensor AvgPool2d(int kernel, int? stride = null, int padding = 0, bool countIncludePad = true)
    {
        if (Rank == 3) return Unbatched(x => x.AvgPool2d(kernel, stride, padding, countIncludePad));
        return AvgPool2d(new AvgPoolAttributes(PoolGeometry(OpNames.AvgPool2d, Shape, kernel, stride, padding), countIncludePad));
    }

    /// <summary>The gradient of <see cref="AvgPool2d(int, int?, int, bool)"/> for an input of shape <paramref name="input"/>:
    /// each element of <paramref name="gradOutput"/> [n, c, ho, wo] divided as the forward pass divides and added to every
    /// pixel of its window inside the image. [n, c, h, w] like the input. Linear in the gradient; its own gradient is the
    /// average pooling of the incoming gradient.</summary>
    public static Tensor AvgPool2dBackward(Tensor gradOutput, Shape input, int kernel, int? stride = null, int padding = 0, bool countIncludePad = true) =>
        AvgPool2dBackward(gradOutput, new AvgPoolAttributes(PoolGeometry(OpNames.AvgPool2dBackward, input, kernel, stride, padding), countIncludePad));

    private Tensor AvgPool2d(AvgPoolAttributes a)
    {
        const string op = OpNames.AvgPool2d;
        var g = a.Window;
        Dispatch.Floating(op, this);
        using var x = Contiguous(copy: false, track: false);
        var y = Dispatch.Run(op, AllocateUninitialized(new Shape(g.Batch, g.Channels, g.OutHeight, g.OutWidth), DType, Device), a, x);
        return Tape.Record(y, op, [this], grad => [AvgPool2dBackward(grad, a)]);
    }

    private static Tensor AvgPool2dBackward(Tensor gradOutput, AvgPoolAttributes a)
    {
        const string op = OpNames.AvgPool2dBackward;
        var g = a.Window;
        var expected = new Shape(g.Batch, g.Channels, g.OutHeight, g.OutWidth);
        if (gradOutput.Shape != expected)
            throw new ShapeException($"{op}: gradient of shape {gradOutput.Shape} does not match the {g.KernelHeight}x{g.KernelWidth} pooling of [{g.Batch}, {g.Channels}, {g.Height}, {g.Width}] with stride {g.Stride} and padding {g.Padding} (expected {expected})");
        Dispatch.Floating(op, gradOutput);
        using var grad = gradOutput.Contiguous(copy: false, track: false);
        var dx = Dispatch.Run(op, Allocate(new Shape(g.Batch, g.Channels, g.Height, g.Width), gradOutput.DType, gradOutput.Device), a, grad);
        return Tape.Record(dx, op, [gradOutput], gg => [gg.AvgPool2d(a)]);
    }
}
