using Grimoire.Autograd;
using Grimoire.Ops;

namespace Grimoire;

public sealed partial class Tensor
{
    /// <summary>Cumulative sum along <paramref name="axis"/> (PyTorch's <c>cumsum</c>): element i holds x₀ + … + xᵢ of its
    /// line. With <paramref name="reverse"/> the sums run from the end (element i holds xᵢ + … + x_last), the suffix sums
    /// that discounted returns are built from. Kernels accumulate in double. The gradient of a cumulative sum is the
    /// cumulative sum of the gradient in the other direction. A rank-0 tensor (axis 0 or −1) is its own cumulative sum.</summary>
    public Tensor CumSum(int axis, bool reverse = false)
    {
        const string op = OpNames.CumSum;
        Dispatch.Floating(op, this);
        if (Rank == 0)
        {
            if (axis is not (0 or -1)) throw new ShapeException($"{op}: axis {axis} is out of range for a rank-0 tensor (use 0 or -1)");
            return Reshape(1).CumSum(0, reverse).Reshape();
        }
        var a = Shape.NormalizeAxis(axis);
        var dims = Shape.AsSpan();
        // An empty tensor has no lines; its other axes' product need not even fit an int.
        var (outer, inner) = Size == 0 ? (0, 0) : (Product(dims[..a]), Product(dims[(a + 1)..]));
        var attributes = new ScanAttributes(outer, dims[a], inner, reverse);
        using var x = Contiguous(copy: false, track: false);
        var y = Dispatch.Run(op, AllocateUninitialized(Shape, DType, Device), attributes, x);
        return Tape.Record(y, op, [this], grad => [grad.CumSum(a, !reverse)]);

        // The axes of a non-empty tensor multiply to at most its element count, which fits an int.
        static int Product(ReadOnlySpan<int> sizes)
        {
            var p = 1;
            foreach (var s in sizes) p *= s;
            return p;
        }
    }
}
