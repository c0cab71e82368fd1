using Grimoire.Autograd;
using Grimoire.Ops;

namespace Grimoire;

/// <summary>Batched matrix product with NumPy-style broadcasting of the batch axes.</summary>
public sealed partial class Tensor
{
    /// <summary>this [..., m, k] × <paramref name="other"/> [..., k, n] → [..., m, n], with NumPy's rules for vectors: a
    /// 1-D left operand [k] is a row (its axis is dropped from the result), a 1-D right operand [k] a column (likewise), so
    /// two vectors give their dot product as a scalar.</summary>
    public Tensor MatMul(Tensor other)
    {
        const string op = OpNames.MatMul;
        if (Rank == 0 || other.Rank == 0)
            throw new ShapeException($"matmul needs operands of rank >= 1, got {Shape} and {other.Shape} (multiply by a scalar with *)");
        if (Rank == 1 || other.Rank == 1) return VectorMatMul(other);
        Dispatch.SameDType(op, this, other);
        Dispatch.SameDevice(op, this, other);
        Dispatch.Floating(op, this);
        var (m, k) = (Shape[-2], Shape[-1]);
        var (k2, n) = (other.Shape[-2], other.Shape[-1]);
        if (k != k2) throw new ShapeException($"matmul inner dimensions differ: {Shape} × {other.Shape} ({k} vs {k2})");
        var batchShape = Grimoire.Shape.Broadcast(new Shape(Shape.Dims[..^2]), new Shape(other.Shape.Dims[..^2]));
        var batch = batchShape.Size;
        var output = AllocateUninitialized(new Shape([.. batchShape, m, n]), DType, Device);

        // A weight without batch axes times a contiguous batched input is one big GEMM over all rows.
        var folded = other.Rank == 2 && IsContiguous && Rank > 2;
        using var a = folded ? View(new Shape(1, batch * m, k), [0, k, 1], Offset, track: false) : AsBatchedMatrix(batchShape, m, k);
        using var b = other.AsBatchedMatrix(folded ? Grimoire.Shape.Scalar : batchShape, k, n);
        var attributes = folded ? new MatMulAttributes(1, batch * m, n, k) : new MatMulAttributes(batch, m, n, k);
        Dispatch.Run(op, output, attributes, a, b);

        var (x, w) = (this, other);
        return Tape.Record(output, op, [x, w], g =>
        [
            Tape.For(x, () => g.MatMul(w.Transpose()).SumTo(x.Shape)),
            Tape.For(w, () => x.Transpose().MatMul(g).SumTo(w.Shape)),
        ]);
    }

    /// <summary>A matmul with a vector operand, through the matrix product of its row (or column) form.</summary>
    private Tensor VectorMatMul(Tensor other)
    {
        // The row and column forms are views in the graph, so gradients reach the vectors; the scope owns them.
        var left = Rank == 1 ? Unsqueeze(0) : this;
        var right = other.Rank == 1 ? other.Unsqueeze(1) : other;
        var product = left.MatMul(right);
        var dims = product.Shape.ToArray().ToList();
        if (other.Rank == 1) dims.RemoveAt(dims.Count - 1);
        if (Rank == 1) dims.RemoveAt(dims.Count - (other.Rank == 1 ? 1 : 2));
        return product.Reshape([.. dims]);
    }

    /// <summary>A [batch, rows, cols] view whose matrices are row- or column-major (<see cref="MatMulOperand.TryLayout"/>),
    /// copying only when the matrices have no such layout (a broadcast row or column axis) or the batch axes cannot be
    /// expressed with one batch stride.</summary>
    private Tensor AsBatchedMatrix(Shape batchShape, int rows, int cols)
    {
        var target = new Shape([.. batchShape, rows, cols]);
        using var expanded = BroadcastView(target, track: false);
        var s = expanded.StrideArray;
        var r = target.Rank;
        var matrixOk = MatMulOperand.TryLayout(rows, cols, s[r - 2], s[r - 1]) is not null;
        if (matrixOk && TryBatchStride(target, s, out var batchStride))
            return View(new Shape(batchShape.Size, rows, cols), [batchStride, s[r - 2], s[r - 1]], Offset, track: false);
        using var copy = expanded.Contiguous(copy: true, track: false);
        return copy.View(new Shape(batchShape.Size, rows, cols), [rows * cols, cols, 1], copy.Offset, track: false);
    }

    /// <summary>The single stride that walks all batch axes in order, if one exists.</summary>
    private static bool TryBatchStride(Shape shape, int[] strides, out int stride)
    {
        stride = 0;
        var expected = -1;
        for (var i = shape.Rank - 3; i >= 0; i--)
        {
            if (shape[i] == 1) continue;
            if (expected == -1) stride = strides[i];
            else if (strides[i] != expected) return false;
            expected = strides[i] * shape[i];
        }
        return true;
    }
}
