namespace Grimoire.Nn.Training;

/// <summary>Code a <see cref="TrainingLoop{TModel, TBatch}"/> calls at fixed points of a run, in the order the
/// callbacks were given: progress reports, early stopping, checkpoints, anything a task needs. Every hook does nothing
/// unless overridden. A callback stops the run with <see cref="TrainingContext.Stop"/>. A callback with state that
/// decides later epochs (early stopping's best value and patience) overrides the three checkpoint hooks, so a resumed run
/// decides as the uninterrupted one would; a checkpoint saved in <see cref="OnEpochEnd"/> should then come after it in
/// the list, so it saves the state that has seen the epoch.</summary>
public abstract class TrainingCallback
{
    private static readonly Dictionary<string, string> s_noStrings = [];

    /// <summary>The tensors a checkpoint carries for this callback, by name. On a resume they are the targets the stored
    /// values are copied into, so allocate them here when they do not exist yet. None by default.</summary>
    protected internal virtual IReadOnlyList<(string Name, Tensor Tensor)> CheckpointTensors(TrainingContext context) => [];

    /// <summary>The strings a checkpoint carries for this callback. None by default.</summary>
    protected internal virtual IReadOnlyDictionary<string, string> CheckpointStrings() => s_noStrings;

    /// <summary>Checks the strings a checkpoint holds for this callback and returns what applies them, which runs only
    /// once the whole checkpoint has loaded. A problem is thrown as <paramref name="invalid"/>(message).</summary>
    protected internal virtual Action ReadCheckpoint(IReadOnlyDictionary<string, string> strings, Func<string, Exception> invalid) => () => { };
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
