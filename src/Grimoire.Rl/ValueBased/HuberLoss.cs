namespace Grimoire.Rl.ValueBased;

/// <summary>The Huber loss (PyTorch's smooth_l1_loss with β = δ times δ, i.e. <c>huber_loss</c>): ½d² for |d| ≤ δ and
/// δ(|d| − ½δ) beyond, averaged over the elements. Quadratic near zero like the book's squared TD error, linear for large
/// errors so one surprising transition cannot produce a huge gradient. Written as ½q² + δ(|d| − q) with q = min(|d|, δ),
/// whose gradient is d inside and δ·sign(d) outside.</summary>
public static class HuberLoss
{
    /// <summary>The mean Huber loss of <paramref name="prediction"/> against <paramref name="target"/> (same shape).</summary>
    /// <exception cref="ArgumentOutOfRangeException">δ is not a positive finite number.</exception>
    /// <exception cref="ShapeException">the shapes differ.</exception>
    public static Tensor Mean(Tensor prediction, Tensor target, double delta = 1)
    {
        ArgumentNullException.ThrowIfNull(prediction);
        ArgumentNullException.ThrowIfNull(target);
        if (!(delta > 0) || !double.IsFinite(delta)) throw new ArgumentOutOfRangeException(nameof(delta), delta, "the Huber threshold delta must be a positive finite number");
        if (prediction.Shape != target.Shape) throw new ShapeException($"the Huber loss needs a target shaped like the prediction {prediction.Shape}, got {target.Shape}");
        var absolute = (prediction - target).Abs();
        var quadratic = absolute.Clamp(max: delta);
        return (quadratic * quadratic * 0.5 + (absolute - quadratic) * delta).Mean();
    }
}
