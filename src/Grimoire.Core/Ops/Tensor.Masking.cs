namespace Grimoire;

/// <summary>Masks for attention and padding, built from the primitive ops.</summary>
public sealed partial class Tensor
{
    /// <summary>This tensor with <paramref name="value"/> wherever <paramref name="mask"/> is non-zero (broadcast
    /// together), as PyTorch's masked_fill: attention scores get −∞ where a position may not look. The gradient
    /// flows to the unmasked elements only.</summary>
    public Tensor MaskedFill(Tensor mask, double value)
    {
        using var fill = ScalarLike(value);
        return Where(mask, fill, this);
    }

    /// <summary>A [<paramref name="size"/>, <paramref name="size"/>] mask, 1 above the diagonal (a later position) and 0
    /// on and below it: <c>scores.MaskedFill(CausalMask(t), double.NegativeInfinity)</c> lets each position attend to
    /// itself and earlier ones only.</summary>
    /// <exception cref="ArgumentOutOfRangeException">a negative size.</exception>
    public static Tensor CausalMask(int size, DType dtype = DType.Float32, Device? device = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(size);
        using var positions = Arange(size, dtype, device);
        using var rows = positions.Reshape(size, 1);
        using var columns = positions.Reshape(1, size);
        return columns.Gt(rows);
    }
}
