using Grimoire.Nn.Optimizers;

namespace Grimoire.Nn.Schedules;

/// <summary>Linear warm-up then half a cosine down to a floor, per step, as nanoGPT's <c>get_lr</c>: η₀·(t + 1)/(w + 1) for
/// t &lt; w warm-up steps, then η_min + (η₀ − η_min)·(1 + cos(π·(t − w)/(T − w)))/2 up to step T, and η_min after it.
/// Call <see cref="LearningRateScheduler.Step"/> after each optimizer step; the optimizer starts at the rate of step 0.</summary>
public sealed class WarmupCosineLR : LearningRateScheduler
{
    /// <summary>Schedules <paramref name="optimizer"/> from its current rate η₀.</summary>
    /// <exception cref="ArgumentOutOfRangeException">negative warm-up, a decay end not after it, or a floor outside [0, η₀].</exception>
    public WarmupCosineLR(Optimizer optimizer, int warmupSteps, int decaySteps, double minLearningRate) : base(optimizer)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(warmupSteps);
        if (decaySteps <= warmupSteps) throw new ArgumentOutOfRangeException(nameof(decaySteps), decaySteps, $"the decay must end after the {warmupSteps} warm-up steps");
        if (!(minLearningRate >= 0 && minLearningRate <= BaseLearningRate))
            throw new ArgumentOutOfRangeException(nameof(minLearningRate), minLearningRate, $"the floor must lie in [0, {BaseLearningRate}], the optimizer's rate");
        (WarmupSteps, DecaySteps, MinLearningRate) = (warmupSteps, decaySteps, minLearningRate);
        optimizer.LearningRate = RateAt(0);
    }

    /// <summary>Steps of linear warm-up.</summary>
    public int WarmupSteps { get; }

    /// <summary>The step where the cosine reaches the floor (nanoGPT's <c>lr_decay_iters</c>).</summary>
    public int DecaySteps { get; }

    /// <summary>The floor, η_min.</summary>
    public double MinLearningRate { get; }

    /// <inheritdoc/>
    public override double RateAt(int epoch)
    {
        if (epoch < WarmupSteps) return BaseLearningRate * (epoch + 1) / (WarmupSteps + 1);
        if (epoch > DecaySteps) return MinLearningRate;
        var progress = (double)(epoch - WarmupSteps) / (DecaySteps - WarmupSteps);
        return MinLearningRate + (BaseLearningRate - MinLearningRate) * (1 + Math.Cos(Math.PI * progress)) / 2;
    }
}
