using Grimoire.Nn.Optimizers;
using Grimoire.Nn.Schedules;

namespace Grimoire.Nn.Training;

/// <summary>When a <see cref="TrainingLoop{TModel, TBatch}"/> steps its learning-rate schedule.</summary>
public enum ScheduleInterval
{
    /// <summary>After each epoch, as PyTorch's epoch schedulers are used.</summary>
    Epoch,

    /// <summary>After each optimizer step (warm-ups and schedules counted in steps).</summary>
    Step,
}

/// <summary>The training loop for any task: each epoch asks the batch source for that epoch's batches (any type: a
/// pair of tensors, a record with a mask, a rollout), and for each batch runs loss(model, batch) → backward → optimizer
/// step in its own <see cref="TensorScope"/> (which also frees the batch's tensors when the source makes them lazily),
/// so memory stays flat. After the batches it averages the <see cref="Metrics"/> over the validation batches with the
/// model in evaluation mode and without recording, steps the <see cref="Scheduler"/>, and calls the callbacks.
/// Classification, regression, sequences and reinforcement-style updates differ only in the batch type and the loss
/// function. <see cref="Trainer"/> is this loop specialised to classifiers.
/// <para>A checkpoint (<see cref="TrainingContext.SaveCheckpoint"/>, <see cref="PeriodicCheckpoint"/>) resumes
/// bit-identically through <see cref="Resume"/>: model, optimizer state, schedule, the <see cref="Generators"/> and the
/// counters are restored, and the state of callbacks that keep one (<see cref="EarlyStop"/>'s best value, patience and
/// best weights). A checkpoint taken inside an epoch makes the resumed run ask the source for that epoch again
/// and skip the batches already trained, so the source must give the same batches for the same epoch number (see
/// <see cref="MiniBatches.Epoch(int, int, ulong, int)"/>); a source drawing from a generator carried across epochs
/// resumes exactly from checkpoints taken at epoch ends.</para></summary>
public sealed class TrainingLoop<TModel, TBatch>(TModel model, Optimizer optimizer, Func<TModel, TBatch, Tensor> loss) where TModel : ModuleBase
{
    private TrainingContext? _context;

    /// <summary>The model trained; the loop neither copies nor disposes it.</summary>
    public TModel Model { get; } = model;

    /// <summary>The optimizer stepped after each batch's backward pass (not owned).</summary>
    public Optimizer Optimizer { get; } = optimizer;

    /// <summary>The learning-rate schedule, stepped as <see cref="ScheduleEvery"/> says; none when null.</summary>
    public LearningRateScheduler? Scheduler { get; init; }

    /// <summary>Whether <see cref="Scheduler"/> steps after each epoch (the default) or after each optimizer step.</summary>
    public ScheduleInterval ScheduleEvery { get; init; } = ScheduleInterval.Epoch;

    /// <summary>Generators whose states checkpoints carry: those of dropout layers, data order, exploration.</summary>
    public IReadOnlyDictionary<string, Rng> Generators { get; init; } = new Dictionary<string, Rng>();

    /// <summary>Measured on the validation batches after every epoch; names must differ.</summary>
    public IReadOnlyList<Metric<TModel, TBatch>> Metrics { get; init; } = [];

    /// <summary>Called in this order at each point of the run.</summary>
    public IReadOnlyList<TrainingCallback> Callbacks { get; init; } = [];

    /// <summary>A batch's weight in the epoch's mean loss (its rows, say); each batch counts once when null.</summary>
    public Func<TBatch, double>? BatchWeight { get; init; }

    /// <summary>The run's state, shared with the callbacks.</summary>
    public TrainingContext Context => _context ??= new TrainingContext(Model, Optimizer, Scheduler, Generators, Callbacks);

    /// <summary>Trains until <paramref name="epochs"/> epochs are complete in all (counting those before a
    /// <see cref="Resume"/>) or a callback stops the run; <paramref name="training"/> gives the batches of an epoch
    /// (numbered from 1) and <paramref name="validation"/>, when given, the batches the metrics are measured on.
    /// Returns the summaries of the epochs run since the loop was built or resumed.</summary>
    public IReadOnlyList<EpochSummary> Fit(Func<int, IEnumerable<TBatch>> training, int epochs, Func<int, IEnumerable<TBatch>>? validation = null)
    {
        ArgumentNullException.ThrowIfNull(training);
        if (epochs < 1) throw new ArgumentOutOfRangeException(nameof(epochs), epochs, "training needs at least one epoch");
        var duplicate = Metrics.GroupBy(m => m.Name).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null) throw new ArgumentException($"two metrics are named '{duplicate.Key}'", nameof(Metrics));
        var context = Context;
        context.Begin(epochs);
        foreach (var callback in Callbacks) callback.OnTrainBegin(context);
        while (context.CompletedEpochs < epochs && context.StopReason is null)
        {
            Model.Train();
            var batches = training(context.CompletedEpochs + 1);
            context.BeginEpoch(batches.TryGetNonEnumeratedCount(out var count) ? count : null);
            foreach (var callback in Callbacks) callback.OnEpochBegin(context);
            RunBatches(batches, context);
            if (context.StopReason is not null) break;
            var metrics = validation is null ? [] : Evaluate(validation(context.Epoch));
            if (ScheduleEvery == ScheduleInterval.Epoch) Scheduler?.Step();
            var summary = context.EndEpoch(metrics);
            foreach (var callback in Callbacks) callback.OnEpochEnd(context, summary);
        }
        foreach (var callback in Callbacks) callback.OnTrainEnd(context);
        return context.History;
    }

    /// <summary>The same batches every epoch (a fixed list, or an enumerable that draws afresh each time it is enumerated).</summary>
    public IReadOnlyList<EpochSummary> Fit(IEnumerable<TBatch> training, int epochs, IEnumerable<TBatch>? validation = null) =>
        Fit(_ => training, epochs, validation is null ? null : _ => validation);

    /// <summary>Each metric's weighted mean over <paramref name="batches"/>, the model in evaluation mode (its mode is
    /// restored afterwards) and nothing recorded.</summary>
    /// <exception cref="ArgumentException">no batches, or a batch weight that is not a positive finite number.</exception>
    public IReadOnlyList<KeyValuePair<string, double>> Evaluate(IEnumerable<TBatch> batches) => Training.Metrics.Evaluating(Model, () =>
    {
        var totals = new double[Metrics.Count];
        var weights = new double[Metrics.Count];
        using var e = batches.GetEnumerator();
        var any = false;
        while (true)
        {
            using var scope = new TensorScope();
            if (!e.MoveNext()) break;
            any = true;
            for (var i = 0; i < Metrics.Count; i++)
            {
                var weight = CheckedWeight(Metrics[i].Weight, e.Current, $"metric '{Metrics[i].Name}'");
                totals[i] += Metrics[i].Measure(Model, e.Current) * weight;
                weights[i] += weight;
            }
        }
        if (!any) throw new ArgumentException("the validation source gave no batches", nameof(batches));
        return Metrics.Select((m, i) => KeyValuePair.Create(m.Name, totals[i] / weights[i])).ToList();
    });

    /// <summary>Restores the run saved at <paramref name="path"/>, so the next <see cref="Fit(Func{int, IEnumerable{TBatch}}, int, Func{int, IEnumerable{TBatch}}?)"/>
    /// carries on from it; see <see cref="TrainingContext.Resume"/>.</summary>
    public IReadOnlyDictionary<string, string> Resume(string path) => Context.Resume(path);

    /// <summary>Trains on the epoch's batches, skipping those a resumed checkpoint had already trained.</summary>
    private void RunBatches(IEnumerable<TBatch> batches, TrainingContext context)
    {
        var (skip, seen) = (context.Batch, 0);
        using var e = batches.GetEnumerator();
        while (context.StopReason is null)
        {
            double value, weight;
            using (new TensorScope())
            {
                if (!e.MoveNext()) break;
                if (++seen <= skip) continue;
                weight = CheckedWeight(BatchWeight, e.Current, "batch");
                value = Step(e.Current);
            }
            context.EndBatch(value, weight);
            if (ScheduleEvery == ScheduleInterval.Step) Scheduler?.Step();
            foreach (var callback in Callbacks) callback.OnBatchEnd(context);
        }
        if (seen == 0) throw new ArgumentException($"the training source gave no batches for epoch {context.Epoch}", nameof(batches));
        if (seen < skip) throw new ArgumentException($"epoch {context.Epoch} has {seen} batches, but the checkpoint had trained {skip} of them", nameof(batches));
    }

    /// <summary>One optimisation step on <paramref name="batch"/>; returns the batch loss.</summary>
    private double Step(TBatch batch)
    {
        var value = loss(Model, batch);
        if (value.Size != 1) throw new ShapeException($"the loss must be a scalar, got shape {value.Shape}");
        if (!value.RequiresGrad) throw new AutogradException("the loss does not depend on any trainable parameter (computed without recording, or detached)");
        Optimizer.ZeroGrad();
        value.Backward();
        Optimizer.Step();
        return value.Item();
    }

    private static double CheckedWeight(Func<TBatch, double>? weigh, TBatch batch, string what)
    {
        var weight = weigh?.Invoke(batch) ?? 1;
        return weight > 0 && double.IsFinite(weight) ? weight
            : throw new ArgumentException($"a {what} weight must be a positive finite number, got {weight}");
    }
}
