using Grimoire.Nn.Optimizers;

namespace Grimoire.Nn.Schedules;

/// <summary>Half a cosine from the base rate down to <see cref="MinLearningRate"/> over <see cref="Period"/> epochs:
/// η_min + (η₀ − η_min)·(1 + cos(π·t/T))/2, which decays slowly at first and last and fastest in the middle. Past
/// T the cosine carries on and the rate climbs again, as in PyTorch's closed form; stop training at T for a
/// single anneal.</summary>
public sealed class CosineAnnealingLR : LearningRateScheduler
{
    /// <summary>Anneals <paramref name="optimizer"/>'s current rate to <paramref name="minLearningRate"/> over
    /// <paramref name="period"/> epochs.</summary>
    /// <exception cref="ArgumentOutOfRangeException">a period below 1, or a minimum outside [0, the optimizer's rate].</exception>
    public CosineAnnealingLR(Optimizer optimizer, int period, double minLearningRate = 0) : base(optimizer)
    {
        if (period < 1) throw new ArgumentOutOfRangeException(nameof(period), period, "the annealing period (T_max) must be at least one epoch");
        if (!(minLearningRate >= 0 && minLearningRate <= BaseLearningRate))
            throw new ArgumentOutOfRangeException(nameof(minLearningRate), minLearningRate, $"the minimum rate (eta_min) must lie in [0, {BaseLearningRate}], the optimizer's rate");
        (Period, MinLearningRate) = (period, minLearningRate);
    }

    /// <summary>T_max: epochs from the base rate to the minimum.</summary>
    public int Period { get; }

    /// <summary>eta_min.</summary>
    public double MinLearningRate { get; }

    /// <inheritdoc/>
    public override double RateAt(int epoch) =>
        MinLearningRate + (BaseLearningRate - MinLearningRate) * (1 + Math.Cos(Math.PI * epoch / Period)) / 2;
}
