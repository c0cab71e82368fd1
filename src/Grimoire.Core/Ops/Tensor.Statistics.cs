namespace Grimoire;

/// <summary>Reductions built from the primitive ones, so every backend and autodiff get them with no kernel of their
/// own: minimum and its index, variance, standard deviation and log-sum-exp.</summary>
public sealed partial class Tensor
{
    /// <summary>Minimum over <paramref name="axes"/> (all axes when empty): −max(−x), so NaN propagates and the gradient
    /// is shared among tied minima as <see cref="Max(int[], bool)"/> shares it.</summary>
    public Tensor Min(int[]? axes = null, bool keepDims = false) => -(-this).Max(axes, keepDims);

    /// <summary>Minimum over one <paramref name="axis"/>; as <see cref="Min(int[], bool)"/>.</summary>
    public Tensor Min(int axis, bool keepDims = false) => Min([axis], keepDims);

    /// <summary>Index (int32) of the first minimum along <paramref name="axis"/>.</summary>
    public Tensor ArgMin(int axis = -1, bool keepDims = false)
    {
        using var source = DType.IsFloating() ? Detach() : To(DType.Float64); // int32 values are exact in float64
        using var negated = -source;
        return negated.ArgMax(axis, keepDims);
    }

    /// <summary>Index (int32) of the first maximum of the flattened tensor, as a scalar.</summary>
    public Tensor ArgMaxAll()
    {
        using var flat = Reshape(-1);
        return flat.ArgMax(0);
    }

    /// <summary>Index (int32) of the first minimum of the flattened tensor, as a scalar.</summary>
    public Tensor ArgMinAll()
    {
        using var flat = Reshape(-1);
        return flat.ArgMin(0);
    }

    /// <summary>Variance over <paramref name="axes"/> (all axes when empty): Σ(x − mean)² / (N − <paramref name="correction"/>),
    /// unbiased by default as in PyTorch (correction 0 gives the population variance).</summary>
    /// <exception cref="ArgumentOutOfRangeException">a negative correction.</exception>
    public Tensor Var(int[]? axes = null, bool keepDims = false, int correction = 1)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(correction);
        var count = ReducedAxes(Shape, axes).Aggregate(1L, (n, a) => n * Shape[a]);
        var centred = this - Mean(axes, keepDims: true);
        return (centred * centred).Sum(axes, keepDims) / Math.Max(0, count - correction);
    }

    /// <summary>Standard deviation: the square root of <see cref="Var"/>.</summary>
    public Tensor Std(int[]? axes = null, bool keepDims = false, int correction = 1) => Var(axes, keepDims, correction).Sqrt();

    /// <summary>log Σ exp(x) over <paramref name="axes"/> (all axes when empty), computed as m + log Σ exp(x − m) with m the
    /// maximum, so large arguments do not overflow; an axis whose maximum is infinite gives that infinity (or NaN) as the
    /// plain formula would. Its gradient is the softmax over the axes.</summary>
    public Tensor LogSumExp(int[]? axes = null, bool keepDims = false)
    {
        using var detached = Detach();
        var max = detached.Max(axes, keepDims: true);
        var shift = Where(max.Abs().Lt(double.PositiveInfinity), max, max.ScalarLike(0));
        var result = (this - shift).Exp().Sum(axes, keepDims: true).Log() + shift;
        return keepDims ? result : result.Reshape(ReducedShape(axes));
    }

    /// <summary>log Σ exp(x) over one <paramref name="axis"/>; as <see cref="LogSumExp(int[], bool)"/>.</summary>
    public Tensor LogSumExp(int axis, bool keepDims = false) => LogSumExp([axis], keepDims);

    /// <summary>This shape without <paramref name="axes"/> (all when empty).</summary>
    private int[] ReducedShape(int[]? axes)
    {
        var reduced = ReducedAxes(Shape, axes);
        return [.. Enumerable.Range(0, Rank).Where(a => !reduced.Contains(a)).Select(a => Shape[a])];
    }
}
