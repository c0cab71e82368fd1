using Grimoire.Autograd;
using Grimoire.Ops;

namespace Grimoire;

/// <summary>Concatenation, index selection (gather) and its adjoint, scatter-add.</summary>
public sealed partial class Tensor
{
    /// <summary>Joins tensors along <paramref name="axis"/>; all other dimensions must match.</summary>
    public static Tensor Concat(IReadOnlyList<Tensor> tensors, int axis = 0)
    {
        const string op = OpNames.Concat;
        if (tensors.Count == 0) throw new ArgumentException("concat needs at least one tensor", nameof(tensors));
        var first = tensors[0];
        var a = first.Shape.NormalizeAxis(axis);
        foreach (var t in tensors)
        {
            var compatible = t.Rank == first.Rank && Enumerable.Range(0, t.Rank).All(i => i == a || t.Shape[i] == first.Shape[i]);
            if (!compatible)
                throw new ShapeException($"concat along axis {axis}: shapes {string.Join(", ", tensors.Select(x => x.Shape))} differ outside that axis");
        }
        Dispatch.SameDType(op, [.. tensors]);
        Dispatch.SameDevice(op, [.. tensors]);
        var sizes = tensors.Select(t => t.Shape[a]).ToArray();
        var total = sizes.Sum(s => (long)s);
        if (total > int.MaxValue) throw new ShapeException($"concat along axis {axis} of {tensors.Count} tensors gives {total} elements on that axis, more than {int.MaxValue}");
        var dims = first.Shape.ToArray();
        dims[a] = (int)total;
        var shape = new Shape(dims);
        var parts = tensors.Select(t => t.Contiguous(copy: false, track: false)).ToArray();
        try
        {
            var attributes = new ConcatAttributes(Product(dims, 0, a), Product(dims, a + 1, dims.Length), sizes);
            var y = Dispatch.Run(op, AllocateUninitialized(shape, first.DType, first.Device), attributes, parts);
            var inputs = tensors.ToArray();
            return Tape.Record(y, op, inputs, g =>
            {
                var grads = new Tensor?[inputs.Length];
                var start = 0;
                for (var i = 0; i < inputs.Length; i++)
                {
                    grads[i] = Tape.For(inputs[i], () => g.Slice(a, start, start + sizes[i]).Contiguous());
                    start += sizes[i];
                }
                return grads;
            });
        }
        finally
        {
            foreach (var p in parts) p.Dispose();
        }
    }

    /// <summary>Selects the slices <paramref name="indices"/> (i32, rank 1) along <paramref name="axis"/>
    /// (index_select): result size along the axis is the number of indices.</summary>
    public Tensor Gather(int axis, Tensor indices)
    {
        const string op = OpNames.Gather;
        var a = Shape.NormalizeAxis(axis);
        CheckIndexVector(op, indices);
        Dispatch.SameDevice(op, this, indices);
        CheckIndices(op, indices, Shape[a]);
        var dims = Shape.ToArray();
        dims[a] = indices.Size;
        using var x = Contiguous(copy: false, track: false);
        using var idx = indices.Contiguous(copy: false, track: false);
        var attributes = new AxisAttributes(Product(dims, 0, a), Shape[a], Product(dims, a + 1, dims.Length));
        var y = Dispatch.Run(op, AllocateUninitialized(new Shape(dims), DType, Device), attributes, x, idx);
        var source = this;
        return Tape.Record(y, op, [this], g => [g.ScatterAdd(a, indices, source.Shape[a])]);
    }

    /// <summary>The adjoint of <see cref="Gather"/>: a tensor of size <paramref name="size"/> along
    /// <paramref name="axis"/>, zero except that slice j of this tensor is added at position indices[j].</summary>
    public Tensor ScatterAdd(int axis, Tensor indices, int size)
    {
        const string op = OpNames.ScatterAdd;
        var a = Shape.NormalizeAxis(axis);
        CheckIndexVector(op, indices);
        if (indices.Size != Shape[a])
            throw new ShapeException($"{op}: {indices.Size} indices for axis {axis} of size {Shape[a]} (shape {Shape})");
        ArgumentOutOfRangeException.ThrowIfNegative(size);
        Dispatch.SameDevice(op, this, indices);
        Dispatch.Floating(op, this);
        CheckIndices(op, indices, size);
        var dims = Shape.ToArray();
        dims[a] = size;
        using var src = Contiguous(copy: false, track: false);
        using var idx = indices.Contiguous(copy: false, track: false);
        var attributes = new AxisAttributes(Product(dims, 0, a), size, Product(dims, a + 1, dims.Length));
        var y = Dispatch.Run(op, Allocate(new Shape(dims), DType, Device), attributes, src, idx);
        return Tape.Record(y, op, [this], g => [g.Gather(a, indices)]);
    }

    private static void CheckIndexVector(string op, Tensor indices)
    {
        if (indices.DType != DType.Int32 || indices.Rank != 1)
            throw new ShapeException($"{op} needs i32 indices of rank 1, got {indices.DType.Name()} {indices.Shape}");
    }

    private static int Product(int[] dims, int from, int to)
    {
        var p = 1;
        for (var i = from; i < to; i++) p *= dims[i];
        return p;
    }
}
