namespace Grimoire.Ml.Kernels;

/// <summary>A matrix [rows, columns] (a vector is one column) as contiguous row-major float64 host memory for the fused
/// passes: the tensor's own memory through a <see cref="HostLease{T}"/> when it is a contiguous float64 host tensor, so a
/// 200 MB design matrix is read where it lies instead of copied; otherwise (another dtype, device or layout) a float64
/// copy. The rows and columns are the tensor's, so every index a pass computes from them lies inside <see cref="Span"/>.</summary>
internal sealed class HostValues : IDisposable
{
    private readonly HostLease<double>? _lease;
    private readonly double[]? _copy;

    public HostValues(Tensor tensor)
    {
        ArgumentNullException.ThrowIfNull(tensor);
        if (tensor.Rank is < 1 or > 2) throw new ShapeException($"expected a vector or a matrix, got shape {tensor.Shape}");
        (Rows, Columns) = (tensor.Shape[0], tensor.Rank == 2 ? tensor.Shape[1] : 1);
        if (Rows < 1 || Columns < 1) throw new ShapeException($"expected at least one row and one column, got shape {tensor.Shape}");
        if (tensor.DType == DType.Float64 && tensor.Device.IsCpu && tensor.IsContiguous) _lease = tensor.LeaseHost<double>();
        else _copy = tensor.ToDoubleArray();
    }

    public int Rows { get; }

    public int Columns { get; }

    /// <summary>The values, row i at [i·Columns, (i + 1)·Columns).</summary>
    public ReadOnlySpan<double> Span => _lease is not null ? _lease.Span : _copy;

    public void Dispose() => _lease?.Dispose();
}
