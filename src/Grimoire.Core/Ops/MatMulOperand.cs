namespace Grimoire.Ops;

/// <summary>How a matmul operand [batch, rows, cols] (see <see cref="OpContracts"/>) looks to a row-major BLAS call:
/// whether it is stored transposed, and its leading dimension. Shared by the op, which copies any operand without
/// such a layout, and by every backend's GEMM kernel.</summary>
public static class MatMulOperand
{
    /// <summary>Row-major (ld = the row stride) when columns are adjacent and rows do not overlap; column-major
    /// (ld = the column stride) when rows are adjacent and columns do not overlap; null when neither holds, as for a
    /// broadcast (stride-0) axis, whose rows a BLAS call cannot express. An axis of size 1 never moves, so its
    /// stride is free and the leading dimension is then the smallest BLAS accepts; so is every stride of an empty matrix.</summary>
    public static (bool Transposed, int Ld)? TryLayout(int rows, int cols, int rowStride, int colStride)
    {
        if (rows == 0 || cols == 0) return (false, Math.Max(1, cols)); // nothing is read
        if ((cols <= 1 || colStride == 1) && (rows <= 1 || rowStride >= Math.Max(1, cols)))
            return (false, rows <= 1 ? Math.Max(1, cols) : rowStride);
        if ((rows <= 1 || rowStride == 1) && (cols <= 1 || colStride >= Math.Max(1, rows)))
            return (true, cols <= 1 ? Math.Max(1, rows) : colStride);
        return null;
    }

    /// <exception cref="ShapeException">the operand's matrices have no BLAS layout: the op broke its contract.</exception>
    public static (bool Transposed, int Ld) Layout(Tensor t, int rows, int cols) =>
        TryLayout(rows, cols, t.Strides[1], t.Strides[2])
        ?? throw new ShapeException($"matmul operand of shape {t.Shape} with strides [{string.Join(", ", t.Strides.ToArray())}] is neither row- nor column-major; the op must copy it");
}
