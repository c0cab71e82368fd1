using System.Globalization;
using Grimoire.Nn.Checkpoints;
using Grimoire.Nn.Optimizers;
using Grimoire.Nn.Schedules;

namespace Grimoire.Nn.Training;

/// <summary>Where a training run stands, as callbacks see it, and everything a checkpoint must hold to resume it
/// bit-identically: the model, the optimizer, the schedule, the named generators, the epoch and batch counters and
/// the running loss of the epoch under way.</summary>
public sealed class TrainingContext
{
    private const string Prefix = "loop.";
    private readonly List<EpochSummary> _history = [];
    private double _lossTotal;
    private double _lossWeight;

    private const string CallbackPrefix = "callback.";
    private readonly IReadOnlyList<TrainingCallback> _callbacks;

    internal TrainingContext(ModuleBase model, Optimizer optimizer, LearningRateScheduler? scheduler, IReadOnlyDictionary<string, Rng> generators,
        IReadOnlyList<TrainingCallback> callbacks)
    {
        (Model, Optimizer, Scheduler, Generators, _callbacks) = (model, optimizer, scheduler, generators, callbacks);
    }

    /// <summary>The model being trained.</summary>
    public ModuleBase Model { get; }

    /// <summary>The optimizer stepping it.</summary>
    public Optimizer Optimizer { get; }

    /// <summary>The learning-rate schedule, if the loop has one.</summary>
    public LearningRateScheduler? Scheduler { get; }

    /// <summary>The generators whose states a checkpoint saves (dropout's, the data order's).</summary>
    public IReadOnlyDictionary<string, Rng> Generators { get; }

    /// <summary>The epoch count the current <c>Fit</c> runs to.</summary>
    public int Epochs { get; internal set; }

    /// <summary>Epochs finished, including those before a resume.</summary>
    public int CompletedEpochs { get; private set; }

    /// <summary>The epoch under way, counted from 1 (the last finished one in <see cref="TrainingCallback.OnEpochEnd"/>).</summary>
    public int Epoch { get; private set; }

    /// <summary>Batches finished in the epoch under way.</summary>
    public int Batch { get; private set; }

    /// <summary>The epoch's batch count when the source knows it without enumerating, null otherwise.</summary>
    public int? BatchesInEpoch { get; private set; }

    /// <summary>Optimizer steps the loop has taken, including those before a resume.</summary>
    public int Step { get; private set; }

    /// <summary>The loss of the last batch.</summary>
    public double LastLoss { get; private set; }

    /// <summary>The weighted mean loss of the epoch's batches so far.</summary>
    public double MeanLoss => _lossTotal / _lossWeight;

    /// <summary>The summaries of the epochs this loop has finished since it was built or resumed.</summary>
    public IReadOnlyList<EpochSummary> History => _history;

    /// <summary>Why the run was stopped, null while it goes on.</summary>
    public string? StopReason { get; private set; }

    /// <summary>Ends the run after the current batch (the epoch is then left unfinished) or, from
    /// <see cref="TrainingCallback.OnEpochEnd"/>, before the next epoch.</summary>
    public void Stop(string reason)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        StopReason ??= reason;
    }

    /// <summary>Writes everything needed to resume this run to <paramref name="path"/> (see <see cref="Checkpoint"/>),
    /// with the caller's <paramref name="metadata"/>, whose keys must not start with "loop.".</summary>
    public void SaveCheckpoint(string path, IReadOnlyDictionary<string, string>? metadata = null)
    {
        var meta = new Dictionary<string, string>();
        foreach (var (key, value) in metadata ?? new Dictionary<string, string>())
        {
            if (key.StartsWith(Prefix, StringComparison.Ordinal)) throw new ArgumentException($"metadata key '{key}' is reserved for the training loop", nameof(metadata));
            meta[key] = value;
        }
        meta[Prefix + "epoch"] = CompletedEpochs.ToString(CultureInfo.InvariantCulture);
        meta[Prefix + "batch"] = Batch.ToString(CultureInfo.InvariantCulture);
        meta[Prefix + "step"] = Step.ToString(CultureInfo.InvariantCulture);
        meta[Prefix + "loss_total"] = _lossTotal.ToString("R", CultureInfo.InvariantCulture);
        meta[Prefix + "loss_weight"] = _lossWeight.ToString("R", CultureInfo.InvariantCulture);
        foreach (var (key, callback) in KeyedCallbacks())
            foreach (var (name, value) in callback.CheckpointStrings()) meta[$"{Prefix}{CallbackPrefix}{key}.{name}"] = value;
        Checkpoint.Save(path, Model, Optimizer, meta, Scheduler, Generators, CallbackTensors());
    }

    /// <summary>Restores the run saved at <paramref name="path"/> and returns the caller's metadata; all or nothing, like
    /// <see cref="Checkpoint.Load"/>. The history starts empty again.</summary>
    /// <exception cref="CheckpointException">a missing, damaged or mismatched file, or loop counters that are not valid.</exception>
    public IReadOnlyDictionary<string, string> Resume(string path)
    {
        (int Epoch, int Batch, int Step, double Total, double Weight) position = default;
        List<Action> applyCallbackState = [];
        var caller = Checkpoint.Load(path, Model, Optimizer, Scheduler, Generators, meta =>
        {
            position = ReadPosition(path, meta);
            applyCallbackState = ReadCallbackState(path, meta);
        }, CallbackTensors());
        (CompletedEpochs, Batch, Step, _lossTotal, _lossWeight) = position;
        foreach (var apply in applyCallbackState) apply();
        (Epoch, StopReason) = (CompletedEpochs, null);
        _history.Clear();
        return caller.Where(p => !p.Key.StartsWith(Prefix, StringComparison.Ordinal)).ToDictionary(p => p.Key, p => p.Value);
    }

    /// <summary>Each callback with the key its state is saved under: its type name and its ordinal among callbacks of
    /// that type, so a resumed loop may list other callbacks around it.</summary>
    private IEnumerable<(string Key, TrainingCallback Callback)> KeyedCallbacks() =>
        _callbacks.Select((c, i) => ($"{c.GetType().Name}.{_callbacks.Take(i).Count(o => o.GetType() == c.GetType())}", c));

    private List<(string Name, Tensor Tensor)> CallbackTensors() =>
        [.. KeyedCallbacks().SelectMany(k => k.Callback.CheckpointTensors(this).Select(t => ($"{CallbackPrefix}{k.Key}.{t.Name}", t.Tensor)))];

    /// <summary>Every callback's checked state, to apply once the checkpoint has loaded.</summary>
    private List<Action> ReadCallbackState(string path, IReadOnlyDictionary<string, string> meta) =>
    [
        .. KeyedCallbacks().Select(k =>
        {
            var prefix = $"{Prefix}{CallbackPrefix}{k.Key}.";
            var strings = meta.Where(p => p.Key.StartsWith(prefix, StringComparison.Ordinal)).ToDictionary(p => p.Key[prefix.Length..], p => p.Value);
            return k.Callback.ReadCheckpoint(strings, message => new CheckpointException($"{path}: {k.Key}: {message}"));
        }),
    ];

    private static (int, int, int, double, double) ReadPosition(string path, IReadOnlyDictionary<string, string> meta)
    {
        string Meta(string key) => meta.TryGetValue(key, out var value) ? value : throw new CheckpointException($"{path}: metadata '{key}' is missing (not a training loop checkpoint?)");
        double Real(string key) => double.TryParse(Meta(key), NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && double.IsFinite(v)
            ? v
            : throw new CheckpointException($"{path}: metadata '{key}' must be a finite number, got {Grimoire.IO.Excerpt.Of(Meta(key))}");
        var (epoch, batch, step) = (CheckpointMetadata.Count(path, Meta, Prefix + "epoch"), CheckpointMetadata.Count(path, Meta, Prefix + "batch"),
            CheckpointMetadata.Count(path, Meta, Prefix + "step"));
        var (total, weight) = (Real(Prefix + "loss_total"), Real(Prefix + "loss_weight"));
        if (weight < 0 || (batch == 0) != (weight == 0))
            throw new CheckpointException($"{path}: metadata '{Prefix}loss_weight' {weight} does not fit {batch} finished batches");
        return (epoch, batch, step, total, weight);
    }

    internal void Begin(int epochs)
    {
        (Epochs, StopReason) = (epochs, null);
    }

    /// <summary>Starts the next epoch, or carries on with the one a checkpoint or a stop left unfinished.</summary>
    internal void BeginEpoch(int? batches)
    {
        (Epoch, BatchesInEpoch) = (CompletedEpochs + 1, batches);
    }

    internal void EndBatch(double loss, double weight)
    {
        _lossTotal += loss * weight;
        _lossWeight += weight;
        (LastLoss, Batch, Step) = (loss, Batch + 1, Step + 1);
    }

    internal EpochSummary EndEpoch(IReadOnlyList<KeyValuePair<string, double>> metrics)
    {
        var summary = new EpochSummary(Epoch, MeanLoss, metrics);
        _history.Add(summary);
        (CompletedEpochs, Batch, _lossTotal, _lossWeight) = (Epoch, 0, 0, 0);
        return summary;
    }
}
