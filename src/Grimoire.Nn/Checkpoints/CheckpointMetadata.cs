using System.Globalization;
using Grimoire.IO;
using Grimoire.Nn.Optimizers;

namespace Grimoire.Nn.Checkpoints;

/// <summary>A checkpoint's "__metadata__": format and version, the optimizer's type, step count and learning rate,
/// and the caller's own strings. Reading checks every value the load will apply, so a load can fail before it
/// has written anything.</summary>
internal sealed record CheckpointMetadata(int Steps, double LearningRate, IReadOnlyDictionary<string, string> Caller)
{
    /// <summary>The checkpoint's own keys, which the caller's metadata must not use.</summary>
    public static readonly string[] Reserved = ["format", "version", "optimizer", "optimizer.steps", "optimizer.learning_rate"];

    /// <summary>The strings to save for <paramref name="optimizer"/> (when given) and the caller's
    /// <paramref name="metadata"/>, whose keys must not be the checkpoint's own.</summary>
    public static Dictionary<string, string> ToStrings(Optimizer? optimizer, IReadOnlyDictionary<string, string>? metadata)
    {
        var meta = new Dictionary<string, string>();
        foreach (var (key, value) in metadata ?? new Dictionary<string, string>())
        {
            if (Reserved.Contains(key)) throw new ArgumentException($"metadata key '{key}' is reserved for the checkpoint itself", nameof(metadata));
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
        return meta;
    }

    /// <summary>The checked metadata of the checkpoint at <paramref name="path"/>; the optimizer's entries are read
    /// only when an <paramref name="optimizer"/> is to be restored (steps default to 0 and the rate to NaN otherwise,
    /// and are not applied).</summary>
    public static CheckpointMetadata Read(string path, IReadOnlyDictionary<string, string> meta, Optimizer? optimizer)
    {
        string Meta(string key) => meta.TryGetValue(key, out var value) ? value : throw new CheckpointException($"{path}: metadata '{key}' is missing");
        if (Meta("format") != Checkpoint.Format) throw new CheckpointException($"{path}: format '{Meta("format")}' is not {Checkpoint.Format}");
        if (Meta("version") != Checkpoint.Version.ToString(CultureInfo.InvariantCulture))
            throw new CheckpointException($"{path}: checkpoint version {Meta("version")} is not supported (this build reads version {Checkpoint.Version})");
        var caller = meta.Where(p => !Reserved.Contains(p.Key)).ToDictionary(p => p.Key, p => p.Value);
        if (optimizer is null) return new CheckpointMetadata(0, double.NaN, caller);
        if (Meta("optimizer") != optimizer.GetType().Name)
            throw new CheckpointException($"{path}: the checkpoint holds {Meta("optimizer")} state, not {optimizer.GetType().Name}");
        if (!int.TryParse(Meta("optimizer.steps"), NumberStyles.None, CultureInfo.InvariantCulture, out var steps))
            throw new CheckpointException($"{path}: metadata 'optimizer.steps' must be an integer >= 0 below 2^31, got {Excerpt.Of(Meta("optimizer.steps"))}");
        // The optimizer's constructor demands the same; NaN, infinite, zero or negative rates make every parameter NaN or
        // climb the loss.
        if (!double.TryParse(Meta("optimizer.learning_rate"), NumberStyles.Float, CultureInfo.InvariantCulture, out var rate) || !(rate > 0) || !double.IsFinite(rate))
            throw new CheckpointException($"{path}: metadata 'optimizer.learning_rate' must be a positive finite number, got {Excerpt.Of(Meta("optimizer.learning_rate"))}");
        return new CheckpointMetadata(steps, rate, caller);
    }
}
