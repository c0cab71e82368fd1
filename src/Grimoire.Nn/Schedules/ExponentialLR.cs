using Grimoire.Nn.Optimizers;

namespace Grimoire.Nn.Schedules;

/// <summary>Multiplies the rate by <see cref="Gamma"/> every epoch: η₀·γᵗ, a smooth decay with one knob.</summary>
public sealed class ExponentialLR : LearningRateScheduler
{
    public ExponentialLR(Optimizer optimizer, double gamma) : base(optimizer)
    {
        if (!(gamma > 0) || !double.IsFinite(gamma)) throw new ArgumentOutOfRangeException(nameof(gamma), gamma, "gamma must be a positive finite number");
        Gamma = gamma;
    }

    public double Gamma { get; }

    public override double RateAt(int epoch) => BaseLearningRate * Math.Pow(Gamma, epoch);
}
