using Grimoire.Autograd;
using Grimoire.Ops;

namespace Grimoire;

/// <summary>Movement ops that only change the layout: they return views sharing storage.</summary>
public sealed partial class Tensor
{
    /// <summary>Same elements in another shape; one dimension may be -1 (inferred). A view when the layout
    /// allows, otherwise a contiguous copy.</summary>
    public Tensor Reshape(params int[] shape)
    {
        var target = InferShape(shape);
        Tensor result;
        if (IsContiguous)
        {
            result = View(target, target.ContiguousStrides(), Offset);
        }
        else
        {
            using var c = Contiguous(copy: true, track: false);
            result = c.View(target, target.ContiguousStrides(), c.Offset);
        }
        var source = Shape;
        return Tape.Record(result, "reshape", [this], g => [g.Reshape(source.ToArray())]);
    }

    /// <summary>Reorders the axes: result axis i is input axis <paramref name="axes"/>[i].</summary>
    public Tensor Permute(params int[] axes)
    {
        if (axes.Length != Rank) throw new ShapeException($"permute of shape {Shape} needs {Rank} axes, got [{string.Join(", ", axes)}]");
        var seen = new bool[Rank];
        var dims = new int[Rank];
        var strides = new int[Rank];
        for (var i = 0; i < Rank; i++)
        {
            var a = Shape.NormalizeAxis(axes[i]);
            if (seen[a]) throw new ShapeException($"permute axes [{string.Join(", ", axes)}] repeat axis {axes[i]} for shape {Shape}");
            seen[a] = true;
            dims[i] = Shape[a];
            strides[i] = StrideArray[a];
        }
        var inverse = new int[Rank];
        for (var i = 0; i < Rank; i++) inverse[Shape.NormalizeAxis(axes[i])] = i;
        return Tape.Record(View(new Shape(dims), strides, Offset), "permute", [this], g => [g.Permute(inverse)]);
    }

    /// <summary>Swaps two axes (the last two by default).</summary>
    public Tensor Transpose(int axis0 = -2, int axis1 = -1)
    {
        if (Rank < 2) throw new ShapeException($"transpose needs rank >= 2, got shape {Shape}");
        var axes = Enumerable.Range(0, Rank).ToArray();
        var (a, b) = (Shape.NormalizeAxis(axis0), Shape.NormalizeAxis(axis1));
        (axes[a], axes[b]) = (axes[b], axes[a]);
        return Permute(axes);
    }

    /// <summary>Broadcasts to <paramref name="shape"/> (NumPy rules) without copying: broadcast axes get stride 0.</summary>
    public Tensor Expand(params int[] shape)
    {
        var target = new Shape(shape);
        var result = BroadcastView(target, track: true);
        var source = Shape;
        return Tape.Record(result, "expand", [this], g => [g.SumTo(source)]);
    }

    /// <summary>Elements start, start+step, … below end along <paramref name="axis"/> (negative start/end count from the end).</summary>
    public Tensor Slice(int axis, int start, int end, int step = 1)
    {
        var a = Shape.NormalizeAxis(axis);
        if (step <= 0) throw new ArgumentException($"slice step must be positive, got {step}", nameof(step));
        var n = Shape[a];
        var s = start < 0 ? start + n : start;
        var e = end < 0 ? end + n : end;
        if (s < 0 || s > n || e < s || e > n)
            throw new ShapeException($"slice [{start}:{end}] is out of range for axis {axis} of size {n} (shape {Shape})");
        // In 64 bits: e - s + step - 1 and stride · step overflow int for large steps. A stride only matters when the
        // axis keeps two or more elements (then stride · step lies inside the storage), an offset only when it keeps one.
        var count = (int)(((long)e - s + step - 1) / step);
        var dims = Shape.ToArray();
        dims[a] = count;
        var strides = (int[])StrideArray.Clone();
        if (count > 1) strides[a] = checked(strides[a] * step);
        var result = View(new Shape(dims), strides, count > 0 ? checked(Offset + s * StrideArray[a]) : Offset);
        var size = Shape[a];
        // Scattered back with an op, not copied into a zero tensor: the gradient must itself be differentiable (createGraph).
        return Tape.Record(result, "slice", [this], g => [g.ScatterAdd(a, Arange(s, s + (double)count * step, step, DType.Int32, g.Device), size)]);
    }

    /// <summary>Inserts an axis of size 1 at <paramref name="axis"/>.</summary>
    public Tensor Unsqueeze(int axis)
    {
        var a = axis < 0 ? axis + Rank + 1 : axis;
        if (a < 0 || a > Rank) throw new ShapeException($"unsqueeze axis {axis} is out of range for shape {Shape}");
        var dims = Shape.ToArray().ToList();
        dims.Insert(a, 1);
        return Reshape([.. dims]);
    }

    /// <summary>Removes axis <paramref name="axis"/>, which must have size 1.</summary>
    public Tensor Squeeze(int axis)
    {
        var a = Shape.NormalizeAxis(axis);
        if (Shape[a] != 1) throw new ShapeException($"cannot squeeze axis {axis} of size {Shape[a]} (shape {Shape})");
        var dims = Shape.ToArray().ToList();
        dims.RemoveAt(a);
        return Reshape([.. dims]);
    }

    /// <summary>A view broadcast to <paramref name="target"/>, for ops preparing kernel operands.</summary>
    internal Tensor BroadcastView(Shape target, bool track)
    {
        if (target.Rank < Rank) throw new ShapeException($"cannot expand shape {Shape} to the lower-rank shape {target}");
        var lead = target.Rank - Rank;
        var strides = new int[target.Rank];
        for (var i = 0; i < target.Rank; i++)
        {
            if (i < lead) continue;
            var d = Shape[i - lead];
            if (d == target[i]) strides[i] = StrideArray[i - lead];
            else if (d != 1) throw new ShapeException($"cannot expand shape {Shape} to {target}: dimension {i - lead} has size {d}, not 1 or {target[i]}");
        }
        return View(target, strides, Offset, track);
    }

    private Shape InferShape(int[] shape)
    {
        var known = 1L;
        var infer = -1;
        for (var i = 0; i < shape.Length; i++)
        {
            if (shape[i] == -1)
            {
                if (infer >= 0) throw new ShapeException($"reshape of {Shape} to [{string.Join(", ", shape)}]: only one dimension may be -1");
                infer = i;
            }
            else if (shape[i] < 0)
            {
                throw new ShapeException($"reshape of {Shape} to [{string.Join(", ", shape)}]: negative dimension {shape[i]}");
            }
            else
            {
                known *= shape[i];
            }
        }
        var dims = (int[])shape.Clone();
        if (infer >= 0)
        {
            if (known == 0 || Size % known != 0)
                throw new ShapeException($"cannot reshape {Shape} ({Size} elements) to [{string.Join(", ", shape)}]");
            dims[infer] = (int)(Size / known);
        }
        var target = new Shape(dims);
        if (target.Size != Size) throw new ShapeException($"cannot reshape {Shape} ({Size} elements) to {target} ({target.Size} elements)");
        return target;
    }
}
