using System.Globalization;
using Grimoire.IO;
using Grimoire.Nn.Optimizers;
using Grimoire.Nn.Schedules;

namespace Grimoire.Nn.Checkpoints;

/// <summary>A checkpoint's "__metadata__": format and version, the optimizer's type, step count and learning rate, the
/// schedule's type and epoch, each named generator's state ("rng.&lt;name&gt;"), and the caller's own strings. Reading
/// checks every value the load will apply, so a load can fail before it has written anything.</summary>
internal sealed record CheckpointMetadata(int Steps, double LearningRate, int SchedulerEpoch, IReadOnlyDictionary<string, RngState> Generators,
    IReadOnlyDictionary<string, string> Caller)
{
    /// <summary>The checkpoint's own keys, which the caller's metadata must not use.</summary>
    public static readonly string[] Reserved = ["format", "version", "optimizer", "optimizer.steps", "optimizer.learning_rate", "scheduler", "scheduler.epoch"];

    /// <summary>The prefix of generator states, also reserved.</summary>
    public const string GeneratorPrefix = "rng.";

    /// <summary>The strings to save for the training state that is given and the caller's <paramref name="metadata"/>,
    /// whose keys must not be the checkpoint's own.</summary>
    public static Dictionary<string, string> ToStrings(Optimizer? optimizer, LearningRateScheduler? scheduler, IReadOnlyDictionary<string, Rng>? generators,
        IReadOnlyDictionary<string, string>? metadata)
    {
        var meta = new Dictionary<string, string>();
        foreach (var (key, value) in metadata ?? new Dictionary<string, string>())
        {
            if (IsReserved(key)) throw new ArgumentException($"metadata key '{key}' is reserved for the checkpoint itself", nameof(metadata));
            meta[key] = value;
        }
        meta["format"] = Checkpoint.Format;
        meta["version"] = Checkpoint.Version.ToString(CultureInfo.InvariantCulture);
        if (optimizer is not null)
        {
            meta["optimizer"] = optimizer.GetType().Name;
            meta["optimizer.steps"] = optimizer.Steps.ToString(CultureInfo.InvariantCulture);
            meta["optimizer.learning_rate"] = optimizer.LearningRate.ToString("R", CultureInfo.InvariantCulture);
        }
        if (scheduler is not null)
        {
            meta["scheduler"] = scheduler.GetType().Name;
            meta["scheduler.epoch"] = scheduler.Epoch.ToString(CultureInfo.InvariantCulture);
        }
        foreach (var (name, rng) in generators ?? new Dictionary<string, Rng>())
        {
            ArgumentException.ThrowIfNullOrEmpty(name, nameof(generators));
            meta[GeneratorPrefix + name] = RngStateText.Format(rng.State);
        }
        return meta;
    }

    /// <summary>The checked metadata of the checkpoint at <paramref name="path"/>. Each part is read only when it is to
    /// be restored (the optimizer's, the schedule's, the named generators'); the others keep defaults that are not applied.</summary>
    public static CheckpointMetadata Read(string path, IReadOnlyDictionary<string, string> meta, Optimizer? optimizer, LearningRateScheduler? scheduler,
        IEnumerable<string> generators)
    {
        string Meta(string key) => meta.TryGetValue(key, out var value) ? value : throw new CheckpointException($"{path}: metadata '{key}' is missing");
        if (Meta("format") != Checkpoint.Format) throw new CheckpointException($"{path}: format '{Meta("format")}' is not {Checkpoint.Format}");
        if (Meta("version") != Checkpoint.Version.ToString(CultureInfo.InvariantCulture))
            throw new CheckpointException($"{path}: checkpoint version {Meta("version")} is not supported (this build reads version {Checkpoint.Version})");
        var caller = meta.Where(p => !IsReserved(p.Key)).ToDictionary(p => p.Key, p => p.Value);
        var states = generators.ToDictionary(name => name, name => RngStateText.Parse(Meta(GeneratorPrefix + name))
            ?? throw new CheckpointException($"{path}: metadata '{GeneratorPrefix}{name}' is not a generator state (four hex words, not all zero, and a spare normal or '-'), got {Excerpt.Of(Meta(GeneratorPrefix + name))}"));
        var schedulerEpoch = scheduler is null ? 0 : ReadScheduler(path, Meta, scheduler);
        if (optimizer is null) return new CheckpointMetadata(0, double.NaN, schedulerEpoch, states, caller);
        if (Meta("optimizer") != optimizer.GetType().Name)
            throw new CheckpointException($"{path}: the checkpoint holds {Meta("optimizer")} state, not {optimizer.GetType().Name}");
        var steps = Count(path, Meta, "optimizer.steps");
        // The optimizer's constructor demands the same; NaN, infinite, zero or negative rates make every parameter NaN or
        // climb the loss.
        if (!double.TryParse(Meta("optimizer.learning_rate"), NumberStyles.Float, CultureInfo.InvariantCulture, out var rate) || !(rate > 0) || !double.IsFinite(rate))
            throw new CheckpointException($"{path}: metadata 'optimizer.learning_rate' must be a positive finite number, got {Excerpt.Of(Meta("optimizer.learning_rate"))}");
        return new CheckpointMetadata(steps, rate, schedulerEpoch, states, caller);
    }

    private static bool IsReserved(string key) => Reserved.Contains(key) || key.StartsWith(GeneratorPrefix, StringComparison.Ordinal);

    private static int ReadScheduler(string path, Func<string, string> meta, LearningRateScheduler scheduler)
    {
        if (meta("scheduler") != scheduler.GetType().Name)
            throw new CheckpointException($"{path}: the checkpoint holds a {meta("scheduler")} schedule, not {scheduler.GetType().Name}");
        return Count(path, meta, "scheduler.epoch");
    }

    /// <summary>A counter: an integer >= 0 below 2^31.</summary>
    public static int Count(string path, Func<string, string> meta, string key) =>
        int.TryParse(meta(key), NumberStyles.None, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new CheckpointException($"{path}: metadata '{key}' must be an integer >= 0 below 2^31, got {Excerpt.Of(meta(key))}");
}
