using Grimoire.Autograd;
using Grimoire.Ops;

namespace Grimoire;

/// <summary>Reductions over any set of axes, with or without keeping the reduced axes as size 1.</summary>
public sealed partial class Tensor
{
    /// <summary>Sum over <paramref name="axes"/> (all axes when empty).</summary>
    public Tensor Sum(int[]? axes = null, bool keepDims = false)
    {
        Dispatch.Floating(OpNames.Sum, this);
        var y = Reduce(OpNames.Sum, axes, keepDims, DType, out var keptShape);
        var source = Shape;
        return Tape.Record(y, OpNames.Sum, [this], g => [g.Reshape(keptShape.ToArray()).Expand(source.ToArray())]);
    }

    /// <summary>Sum over one <paramref name="axis"/> (negative counts from the end).</summary>
    public Tensor Sum(int axis, bool keepDims = false) => Sum([axis], keepDims);

    /// <summary>Mean over <paramref name="axes"/> (all axes when empty).</summary>
    public Tensor Mean(int[]? axes = null, bool keepDims = false)
    {
        var count = ReducedAxes(Shape, axes).Aggregate(1, (n, a) => n * Shape[a]);
        return Sum(axes, keepDims) / count;
    }

    /// <summary>Mean over one <paramref name="axis"/> (negative counts from the end).</summary>
    public Tensor Mean(int axis, bool keepDims = false) => Mean([axis], keepDims);

    /// <summary>Maximum over <paramref name="axes"/>; the gradient is shared equally among tied maxima.</summary>
    public Tensor Max(int[]? axes = null, bool keepDims = false)
    {
        Dispatch.Floating(OpNames.Max, this);
        if (Size == 0) throw new ShapeException($"max of an empty tensor (shape {Shape}) is undefined");
        var y = Reduce(OpNames.Max, axes, keepDims, DType, out var keptShape);
        var x = this;
        return Tape.Record(y, OpNames.Max, [this], g =>
        {
            var mask = x.Eq(y.Reshape(keptShape.ToArray()));
            var ties = mask.Sum(ReducedAxes(x.Shape, axes), keepDims: true);
            return [mask * (g.Reshape(keptShape.ToArray()) / ties)];
        });
    }

    /// <summary>Maximum over one <paramref name="axis"/>; as <see cref="Max(int[], bool)"/>.</summary>
    public Tensor Max(int axis, bool keepDims = false) => Max([axis], keepDims);

    /// <summary>Index (int32) of the first maximum along <paramref name="axis"/>.</summary>
    public Tensor ArgMax(int axis = -1, bool keepDims = false)
    {
        if (Shape[axis] == 0) throw new ShapeException($"argmax over empty axis {axis} of shape {Shape}");
        return Reduce(OpNames.ArgMax, [axis], keepDims, DType.Int32, out _);
    }

    private Tensor Reduce(string op, int[]? axes, bool keepDims, DType outType, out Shape keptShape)
    {
        var reduced = ReducedAxes(Shape, axes);
        var isReduced = new bool[Rank];
        foreach (var a in reduced) isReduced[a] = true;
        var kept = Shape.ToArray();
        foreach (var a in reduced) kept[a] = 1;
        keptShape = new Shape(kept);
        var outShape = keepDims ? keptShape : new Shape([.. Enumerable.Range(0, Rank).Where(i => !isReduced[i]).Select(i => Shape[i])]);

        // Kernels see [outer, length, inner]: direct when the reduced axes are adjacent. Otherwise a contiguous
        // input is reduced one run of adjacent axes at a time, innermost first (a bias gradient, sum over n, h
        // and w of [n, c, h, w], then needs no copy); other inputs have their kept axes moved to the front.
        var adjacent = reduced.Length == 0 || reduced[^1] - reduced[0] == reduced.Length - 1;
        if (!adjacent && IsContiguous)
        {
            var run = reduced.Reverse().TakeWhile((axis, i) => axis == reduced[^1] - i).Reverse().ToArray();
            using var partial = Reduce(op, run, keepDims: true, outType, out _);
            TensorScope.Untrack(partial);
            using var rest = partial.Reduce(op, reduced[..^run.Length], keepDims: true, outType, out _);
            TensorScope.Untrack(rest);
            return rest.Reshape(outShape.ToArray());
        }
        var output = AllocateUninitialized(outShape, outType, Device);
        var order = adjacent ? Enumerable.Range(0, Rank).ToArray() : [.. Enumerable.Range(0, Rank).Where(i => !isReduced[i]), .. reduced];
        var first = adjacent && reduced.Length > 0 ? reduced[0] : Rank - reduced.Length;
        using var permuted = View(new Shape([.. order.Select(i => Shape[i])]), [.. order.Select(i => StrideArray[i])], Offset, track: false);
        using var x = permuted.Contiguous(copy: false, track: false);
        int Product(int from, int to)
        {
            var p = 1;
            for (var i = from; i < to; i++) p *= x.Shape[i];
            return p;
        }
        var attributes = new ReduceAttributes(Product(0, first), Product(first, first + reduced.Length), Product(first + reduced.Length, Rank));
        return Dispatch.Run(op, output, attributes, x);
    }

    /// <summary>Sorted, distinct, normalised axes; every axis when <paramref name="axes"/> is null or empty.</summary>
    private static int[] ReducedAxes(Shape shape, int[]? axes)
    {
        if (axes is null || axes.Length == 0) return [.. Enumerable.Range(0, shape.Rank)];
        var normalised = axes.Select(shape.NormalizeAxis).ToArray();
        if (normalised.Distinct().Count() != normalised.Length)
            throw new ShapeException($"reduction axes [{string.Join(", ", axes)}] repeat an axis of shape {shape}");
        Array.Sort(normalised);
        return normalised;
    }
}
