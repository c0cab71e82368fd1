namespace Grimoire.Ops;

/// <summary>How a matmul operand [batch, rows, cols] (see <see cref="OpContracts"/>) looks to a row-major BLAS call:
/// whether it is stored transposed, and its leading dimension. Shared by every backend's GEMM kernel.</summary>
public static class MatMulOperand
{
    public static (bool Transposed, int Ld) Layout(Tensor t, int rows, int cols)
    {
        var (rowStride, colStride) = (t.Strides[1], t.Strides[2]);
        return colStride == 1 || cols == 1
            ? (false, Math.Max(rowStride, Math.Max(1, cols)))
            : (true, Math.Max(colStride, Math.Max(1, rows)));
    }
}
