using Grimoire.Autograd;
using Grimoire.Ops;

namespace Grimoire;

public sealed partial class Tensor
{
    /// <summary>Max pooling of this NCHW tensor (or unbatched CHW, giving CHW) over size x size windows (book §16.3): output
    /// [n, c, ho, wo] with ho = ⌊(h + 2·padding − size) / stride⌋ + 1, stride defaulting to the size. Padding
    /// is ignored by the max (as −∞ would be), so it may be at most half the window. A window holding NaN gives
    /// NaN. The gradient goes to each window's first maximum in row-major order, as in PyTorch; the backward
    /// pass finds it again by matching the output against the window instead of storing indices.</summary>
    public Tensor MaxPool2d(int size, int? stride = null, int padding = 0)
    {
        if (Rank == 3) return Unbatched(x => x.MaxPool2d(size, stride, padding));
        const string op = OpNames.MaxPool2d;
        var g = PoolGeometry(op, Shape, size, stride, padding);
        Dispatch.Floating(op, this);
        using var x = Contiguous(copy: false, track: false);
        var y = Dispatch.Run(op, AllocateUninitialized(new Shape(g.Batch, g.Channels, g.OutHeight, g.OutWidth), DType, Device), g, x);
        var input = this;
        return Tape.Record(y, op, [this], grad => [MaxPool2dBackward(grad, input, y, g)]);
    }

    /// <summary>The gradient of <see cref="MaxPool2d"/>: each element of <paramref name="gradOutput"/>
    /// [n, c, ho, wo] added to the first pixel (row-major) of its window in <paramref name="input"/> that equals
    /// the window's <paramref name="output"/> (NaN matching NaN), normally <c>input.MaxPool2d(size, stride,
    /// padding)</c>; a window with no such pixel passes no gradient. [n, c, h, w] like <paramref name="input"/>.</summary>
    public static Tensor MaxPool2dBackward(Tensor gradOutput, Tensor input, Tensor output, int size, int? stride = null, int padding = 0) =>
        MaxPool2dBackward(gradOutput, input, output, PoolGeometry(OpNames.MaxPool2dBackward, input.Shape, size, stride, padding));

    private static Tensor MaxPool2dBackward(Tensor gradOutput, Tensor input, Tensor output, UnfoldGeometry g)
    {
        const string op = OpNames.MaxPool2dBackward;
        var expected = new Shape(g.Batch, g.Channels, g.OutHeight, g.OutWidth);
        foreach (var (name, t) in new[] { ("gradient", gradOutput), ("output", output) })
        {
            if (t.Shape != expected)
                throw new ShapeException($"{op}: {name} of shape {t.Shape} does not match the {g.KernelHeight}x{g.KernelWidth} pooling of {input.Shape} with stride {g.Stride} and padding {g.Padding} (expected {expected})");
        }
        Dispatch.SameDType(op, gradOutput, input, output);
        Dispatch.SameDevice(op, gradOutput, input, output);
        Dispatch.Floating(op, input);
        using var grad = gradOutput.Contiguous(copy: false, track: false);
        using var x = input.Contiguous(copy: false, track: false);
        using var y = output.Contiguous(copy: false, track: false);
        var result = Dispatch.Run(op, Allocate(input.Shape, input.DType, input.Device), g, grad, x, y);
        // No rule of its own: a second derivative through max pooling is refused, where recording nothing would give 0.
        return Tape.Record(result, op, [gradOutput, input, output], _ =>
            throw new AutogradException($"{op} has no gradient: max pooling cannot be differentiated twice (createGraph through max_pool2d)"));
    }

    private static UnfoldGeometry PoolGeometry(string op, Shape input, int size, int? stride, int padding)
    {
        if (input.Rank != 4) throw new ShapeException($"{op} needs an input of shape [n, channels, height, width] (or unbatched [channels, height, width]), got {input}");
        if (size < 1) throw new ArgumentOutOfRangeException(nameof(size), size, $"{op}: the pooling window must be positive");
        if (stride is < 1) throw new ArgumentOutOfRangeException(nameof(stride), stride, $"{op}: the stride must be positive");
        if (padding < 0 || padding > size / 2)
            throw new ArgumentOutOfRangeException(nameof(padding), padding, $"{op}: padding must be between 0 and half the {size}x{size} window, so every window holds an input pixel");
        return Geometry(input, size, size, stride ?? size, padding);
    }
}
