namespace Grimoire.Nn.Training;

/// <summary>Code a <see cref="TrainingLoop{TModel, TBatch}"/> calls at fixed points of a run, in the order the
/// callbacks were given: progress reports, early stopping, checkpoints, anything a task needs. Every hook does nothing
/// unless overridden. A callback stops the run with <see cref="TrainingContext.Stop"/>.</summary>
public abstract class TrainingCallback
{
    /// <summary>Before the first epoch of a <c>Fit</c>.</summary>
    public virtual void OnTrainBegin(TrainingContext context)
    {
    }

    /// <summary>After the epoch's batches are drawn, before its first step.</summary>
    public virtual void OnEpochBegin(TrainingContext context)
    {
    }

    /// <summary>After each optimizer step (<see cref="TrainingContext.LastLoss"/> is that batch's loss).</summary>
    public virtual void OnBatchEnd(TrainingContext context)
    {
    }

    /// <summary>After the epoch's validation and the schedule's epoch step.</summary>
    public virtual void OnEpochEnd(TrainingContext context, EpochSummary summary)
    {
    }

    /// <summary>When the run ends, by running all its epochs or by a stop.</summary>
    public virtual void OnTrainEnd(TrainingContext context)
    {
    }
}
