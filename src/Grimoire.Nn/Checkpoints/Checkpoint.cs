using System.Globalization;
using Grimoire.Autograd;
using Grimoire.IO;
using Grimoire.Nn.Optimizers;

namespace Grimoire.Nn.Checkpoints;

/// <summary>
/// Training state in the safetensors layout, so PyTorch-side tools can open it: every parameter and buffer under its
/// dotted name ("0.weight", "1.running_mean") in the dtype it has, the optimizer's state tensors as
/// "optimizer.&lt;state&gt;.&lt;parameter&gt;" ("optimizer.exp_avg.0.weight"), and "__metadata__" with format
/// "grimoire-checkpoint", version "1", the optimizer's type, step count and learning rate, plus the caller's own
/// strings. Note that <see cref="Layers.Linear"/> stores its weight as [in, out], the transpose of PyTorch's.
/// Loading is all or nothing: every name, shape and dtype is checked against the model before anything is written.
/// </summary>
public static class Checkpoint
{
    public const string Format = "grimoire-checkpoint";
    public const int Version = 1;
    private const string Kind = "checkpoint";
    private const string OptimizerPrefix = "optimizer.";
    private static readonly string[] Reserved = ["format", "version", "optimizer", "optimizer.steps", "optimizer.learning_rate"];

    public static void Save(string path, Module module, Optimizer? optimizer = null, IReadOnlyDictionary<string, string>? metadata = null)
    {
        var meta = new Dictionary<string, string>();
        foreach (var (key, value) in metadata ?? new Dictionary<string, string>())
        {
            if (Reserved.Contains(key)) throw new ArgumentException($"metadata key '{key}' is reserved for the checkpoint itself", nameof(metadata));
            meta[key] = value;
        }
        meta["format"] = Format;
        meta["version"] = Version.ToString(CultureInfo.InvariantCulture);
        if (optimizer is not null)
        {
            meta["optimizer"] = optimizer.GetType().Name;
            meta["optimizer.steps"] = optimizer.Steps.ToString(CultureInfo.InvariantCulture);
            meta["optimizer.learning_rate"] = optimizer.LearningRate.ToString("R", CultureInfo.InvariantCulture);
        }
        SafeTensors.Write(path, meta, Entries(module, optimizer).Select(e => Store(e.Name, e.Tensor)));
    }

    /// <summary>Copies the checkpoint's tensors into <paramref name="module"/> (and <paramref name="optimizer"/>'s state,
    /// step count and learning rate when given; without it the file's optimizer state is ignored) and returns the
    /// caller's metadata.</summary>
    public static IReadOnlyDictionary<string, string> Load(string path, Module module, Optimizer? optimizer = null)
    {
        var (meta, tensors) = SafeTensors.Read(path, Kind, message => new CheckpointException(message));
        string Meta(string key) => meta.TryGetValue(key, out var value) ? value : throw new CheckpointException($"{path}: metadata '{key}' is missing");
        if (Meta("format") != Format) throw new CheckpointException($"{path}: format '{Meta("format")}' is not {Format}");
        if (Meta("version") != Version.ToString(CultureInfo.InvariantCulture))
            throw new CheckpointException($"{path}: checkpoint version {Meta("version")} is not supported (this build reads version {Version})");
        if (optimizer is not null && Meta("optimizer") != optimizer.GetType().Name)
            throw new CheckpointException($"{path}: the checkpoint holds {Meta("optimizer")} state, not {optimizer.GetType().Name}");
        var stored = tensors.Where(t => optimizer is not null || !t.Name.StartsWith(OptimizerPrefix, StringComparison.Ordinal)).ToDictionary(t => t.Name);
        var targets = Entries(module, optimizer).ToList();
        foreach (var (name, target) in targets)
        {
            if (!stored.TryGetValue(name, out var t)) throw new CheckpointException($"{path}: tensor '{name}' of the model is missing from the checkpoint");
            if (t.DType != target.DType || !t.Shape.AsSpan().SequenceEqual(target.Shape.AsSpan()))
                throw new CheckpointException($"{path}: tensor '{name}' is {t.DType.Name()} [{string.Join(", ", t.Shape)}] in the checkpoint but {target.DType.Name()} {target.Shape} in the model");
        }
        var unexpected = stored.Keys.Except(targets.Select(e => e.Name)).ToList();
        if (unexpected.Count > 0) throw new CheckpointException($"{path}: the model has no tensor named {string.Join(", ", unexpected.Select(n => $"'{n}'"))}");
        using (GradMode.NoGrad())
        {
            foreach (var (name, target) in targets) Copy(stored[name], target);
        }
        if (optimizer is not null)
        {
            optimizer.Steps = int.Parse(Meta("optimizer.steps"), CultureInfo.InvariantCulture);
            optimizer.LearningRate = double.Parse(Meta("optimizer.learning_rate"), CultureInfo.InvariantCulture);
        }
        return meta.Where(p => !Reserved.Contains(p.Key)).ToDictionary(p => p.Key, p => p.Value);
    }

    /// <summary>Every tensor a checkpoint holds for this module and optimizer, by its stored name.</summary>
    private static IEnumerable<(string Name, Tensor Tensor)> Entries(Module module, Optimizer? optimizer)
    {
        var named = module.NamedParameters().ToList();
        foreach (var (name, p) in named) yield return (name, p.Value);
        foreach (var entry in module.NamedBuffers()) yield return entry;
        if (optimizer is null) yield break;
        var names = optimizer.Parameters.Select(p => named.FirstOrDefault(n => ReferenceEquals(n.Parameter, p)).Name
            ?? throw new CheckpointException($"optimizer parameter '{p.Name}' {p.Shape} does not belong to the module being checkpointed")).ToArray();
        foreach (var (state, perParameter) in optimizer.State)
        {
            for (var i = 0; i < names.Length; i++) yield return ($"{OptimizerPrefix}{state}.{names[i]}", perParameter[i]);
        }
    }

    private static StoredTensor Store(string name, Tensor t) => t.DType switch
    {
        DType.Float32 => StoredTensor.From(name, t.Shape.ToArray(), t.ToArray<float>()),
        DType.Float64 => StoredTensor.From(name, t.Shape.ToArray(), t.ToArray<double>()),
        _ => StoredTensor.From(name, t.Shape.ToArray(), t.ToArray<int>()),
    };

    private static void Copy(StoredTensor source, Tensor target)
    {
        using var value = source.DType switch
        {
            DType.Float32 => Tensor.FromArray(source.Values<float>(), target.Shape, target.Device),
            DType.Float64 => Tensor.FromArray(source.Values<double>(), target.Shape, target.Device),
            _ => Tensor.FromArray(source.Values<int>(), target.Shape, target.Device),
        };
        value.CopyTo(target);
    }
}
