using Grimoire.Nn.Optimizers;

namespace Grimoire.Nn.Schedules;

/// <summary>Sets an optimizer's learning rate from the epoch count: call <see cref="Step"/> once after each epoch.
/// Rates come from a closed form of the epoch and the rate the optimizer had when the scheduler was built (PyTorch's
/// closed forms), so a schedule never drifts from rounding and can be restored from its epoch alone.</summary>
public abstract class LearningRateScheduler
{
    /// <summary>Schedules <paramref name="optimizer"/>, taking its current rate as the base.</summary>
    protected LearningRateScheduler(Optimizer optimizer)
    {
        Optimizer = optimizer;
        BaseLearningRate = optimizer.LearningRate;
    }

    /// <summary>The optimizer whose rate <see cref="Step"/> sets (not owned).</summary>
    public Optimizer Optimizer { get; }

    /// <summary>The optimizer's rate at epoch 0.</summary>
    public double BaseLearningRate { get; }

    /// <summary>Epochs completed so far (steps, when a training loop steps the schedule after every batch). Set only
    /// when a checkpoint is loaded.</summary>
    public int Epoch { get; internal set; }

    /// <summary>Ends an epoch: advances the count and gives the optimizer the rate for the next one.</summary>
    public void Step()
    {
        Epoch++;
        Optimizer.LearningRate = RateAt(Epoch);
    }

    /// <summary>The learning rate after <paramref name="epoch"/> completed epochs.</summary>
    public abstract double RateAt(int epoch);
}
