using Grimoire.Autograd;
using Grimoire.Ops;

namespace Grimoire;

/// <summary>Fused ops: one kernel where the decomposition into primitives would make several passes.
/// Their gradients are written with primitives, and tests check each against its decomposition.</summary>
public sealed partial class Tensor
{
    /// <summary>exp(x − max) / Σ exp(x − max) along <paramref name="axis"/>.</summary>
    public Tensor Softmax(int axis = -1)
    {
        var y = RowWise(OpNames.Softmax, axis);
        return Tape.Record(y, OpNames.Softmax, [this], g => [y * (g - (g * y).Sum(axis, keepDims: true))]);
    }

    /// <summary>x − max − log Σ exp(x − max) along <paramref name="axis"/>.</summary>
    public Tensor LogSoftmax(int axis = -1)
    {
        var y = RowWise(OpNames.LogSoftmax, axis);
        return Tape.Record(y, OpNames.LogSoftmax, [this], g => [g - y.Exp() * g.Sum(axis, keepDims: true)]);
    }

    /// <summary>Mean negative log-likelihood of integer <paramref name="labels"/> [n] under softmax(logits [n, c]); an
    /// unbatched pair, logits [c] and a rank-0 label, is a batch of one.</summary>
    public Tensor CrossEntropy(Tensor labels)
    {
        const string op = OpNames.CrossEntropy;
        if (IsUnbatchedCrossEntropy(labels)) return Unsqueeze(0).CrossEntropy(labels.Reshape(1));
        if (Rank != 2) throw new ShapeException($"cross_entropy needs logits of shape [n, classes], got {Shape}");
        if (labels.Rank != 1 || labels.Shape[0] != Shape[0])
            throw new ShapeException($"cross_entropy labels must have shape [{Shape[0]}] for logits {Shape}, got {labels.Shape}");
        if (labels.DType != DType.Int32) throw new DTypeException($"cross_entropy labels must be i32 class indices, got {labels.DType.Name()}");
        Dispatch.Floating(op, this);
        Dispatch.SameDevice(op, this, labels);
        CheckIndices(op, labels, Shape[1]);
        using var x = Contiguous(copy: false, track: false);
        using var l = labels.Contiguous(copy: false, track: false);
        var y = Dispatch.Run(op, AllocateUninitialized(Grimoire.Shape.Scalar, DType, Device), null, x, l);
        var logits = this;
        return Tape.Record(y, op, [this], g => [(logits.Softmax() - OneHotOf(labels, logits.Shape[1], logits.DType)) * (g / logits.Shape[0])]);
    }

    /// <summary>Mean of (this − target)² over all elements; shapes must match exactly.</summary>
    public Tensor Mse(Tensor target)
    {
        const string op = OpNames.Mse;
        if (target.Shape != Shape) throw new ShapeException($"mse needs equal shapes, got {Shape} and {target.Shape}");
        Dispatch.SameDType(op, this, target);
        Dispatch.SameDevice(op, this, target);
        Dispatch.Floating(op, this);
        using var a = Contiguous(copy: false, track: false);
        using var b = target.Contiguous(copy: false, track: false);
        var y = Dispatch.Run(op, AllocateUninitialized(Grimoire.Shape.Scalar, DType, Device), null, a, b);
        var (p, t) = (this, target);
        return Tape.Record(y, op, [p, t], g =>
        {
            var scale = g * (2.0 / Math.Max(1, p.Size));
            return [Tape.For(p, () => (p - t) * scale), Tape.For(t, () => (t - p) * scale)];
        });
    }

    /// <summary>Logits [c] with a rank-0 label: PyTorch's unbatched form.</summary>
    private bool IsUnbatchedCrossEntropy(Tensor labels) => Rank == 1 && labels.Rank == 0;

    /// <summary>[n] integer labels, each in [0, <paramref name="classes"/>), → [n, classes] rows with a 1 at each label.</summary>
    /// <exception cref="ShapeException">a label is out of range, or labels are not i32 of shape [n].</exception>
    public static Tensor OneHot(Tensor labels, int classes, DType dtype = DType.Float32)
    {
        if (labels.Rank != 1 || labels.DType != DType.Int32) throw new ShapeException($"one-hot needs i32 labels of shape [n], got {labels.DType.Name()} {labels.Shape}");
        ArgumentOutOfRangeException.ThrowIfNegative(classes);
        CheckIndices("one-hot", labels, classes);
        return OneHotOf(labels, classes, dtype);
    }

    /// <summary>One-hot rows of labels already checked to lie in range.</summary>
    private static Tensor OneHotOf(Tensor labels, int classes, DType dtype)
    {
        using var column = labels.To(dtype).Reshape(labels.Shape[0], 1);
        using var range = Arange(classes, dtype, labels.Device);
        return column.Eq(range);
    }

    /// <summary>Runs a row-normalising kernel along <paramref name="axis"/>, moving it last when needed.</summary>
    private Tensor RowWise(string op, int axis)
    {
        Dispatch.Floating(op, this);
        var a = Shape.NormalizeAxis(axis);
        var last = Rank - 1;
        var order = Enumerable.Range(0, Rank).ToArray();
        (order[a], order[last]) = (order[last], order[a]);
        using var moved = View(new Shape([.. order.Select(i => Shape[i])]), [.. order.Select(i => StrideArray[i])], Offset, track: false);
        using var x = moved.Contiguous(copy: false, track: false);
        var cols = Shape[a];
        var rows = cols == 0 ? 0 : Size / cols;
        var y = Dispatch.Run(op, AllocateUninitialized(x.Shape, DType, Device), new ReduceAttributes(rows, cols, 1), x);
        if (a == last) return y;
        using (y)
        {
            using var back = y.View(Shape, [.. Enumerable.Range(0, Rank).Select(i => y.StrideArray[order[i]])], 0, track: false);
            return back.Contiguous(copy: true);
        }
    }

    /// <summary>Throws unless every int32 index lies in [0, <paramref name="bound"/>). Device indices are checked by
    /// their backend without a host wait where it can (the error then comes at the next read back), else read back
    /// first, since a device kernel cannot throw.</summary>
    internal static void CheckIndices(string op, Tensor indices, int bound)
    {
        if (!indices.Device.IsCpu && DeviceBackends.Get(indices.Device).TryCheckIndices(op, indices, bound)) return;
        using var c = indices.Device.IsCpu ? indices.Contiguous(copy: false, track: false) : indices.To(Device.Cpu);
        using var access = HostAccess.Enter();
        var span = c.HostSpan<int>();
        for (var i = 0; i < span.Length; i++)
        {
            if ((uint)span[i] >= (uint)bound)
                throw new ShapeException($"{op}: index {span[i]} at position {i} is out of range [0, {bound})");
        }
    }
}
