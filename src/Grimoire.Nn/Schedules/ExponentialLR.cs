using Grimoire.Nn.Optimizers;

namespace Grimoire.Nn.Schedules;

/// <summary>Multiplies the rate by <see cref="Gamma"/> every epoch: η₀·γᵗ, a smooth decay with one knob.</summary>
public sealed class ExponentialLR : LearningRateScheduler
{
    /// <summary>Decays <paramref name="optimizer"/>'s current rate by <paramref name="gamma"/> per epoch.</summary>
    /// <exception cref="ArgumentOutOfRangeException">a gamma that is not a positive finite number.</exception>
    public ExponentialLR(Optimizer optimizer, double gamma) : base(optimizer)
    {
        if (!(gamma > 0) || !double.IsFinite(gamma)) throw new ArgumentOutOfRangeException(nameof(gamma), gamma, "gamma must be a positive finite number");
        Gamma = gamma;
    }

    /// <summary>γ, the factor per epoch (below 1 to decay).</summary>
    public double Gamma { get; }

    /// <inheritdoc/>
    public override double RateAt(int epoch) => BaseLearningRate * Math.Pow(Gamma, epoch);
}
