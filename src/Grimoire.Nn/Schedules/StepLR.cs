using Grimoire.Nn.Optimizers;

namespace Grimoire.Nn.Schedules;

/// <summary>Multiplies the rate by <see cref="Gamma"/> every <see cref="StepSize"/> epochs: η₀·γ^⌊t/step⌋, the plateaus
/// of a hand-tuned "divide by 10 at epochs 30, 60" schedule.</summary>
public sealed class StepLR : LearningRateScheduler
{
    /// <summary>Multiplies <paramref name="optimizer"/>'s current rate by <paramref name="gamma"/> every <paramref name="stepSize"/> epochs.</summary>
    /// <exception cref="ArgumentOutOfRangeException">a step size below 1, or a gamma that is not a positive finite number.</exception>
    public StepLR(Optimizer optimizer, int stepSize, double gamma = 0.1) : base(optimizer)
    {
        if (stepSize < 1) throw new ArgumentOutOfRangeException(nameof(stepSize), stepSize, "step size must be at least one epoch");
        if (!(gamma > 0) || !double.IsFinite(gamma)) throw new ArgumentOutOfRangeException(nameof(gamma), gamma, "gamma must be a positive finite number");
        (StepSize, Gamma) = (stepSize, gamma);
    }

    /// <summary>Epochs per plateau.</summary>
    public int StepSize { get; }

    /// <summary>γ, the factor at the end of each plateau.</summary>
    public double Gamma { get; }

    /// <inheritdoc/>
    public override double RateAt(int epoch) => BaseLearningRate * Math.Pow(Gamma, epoch / StepSize);
}
