using Grimoire.Autograd;
using Grimoire.IO;
using Grimoire.Nn.Optimizers;
using Grimoire.Nn.Schedules;

namespace Grimoire.Nn.Checkpoints;

/// <summary>
/// Training state in the safetensors layout, so PyTorch-side tools can open it: every parameter and buffer under its
/// dotted name ("0.weight", "1.running_mean") in the dtype it has, the optimizer's state tensors as
/// "optimizer.&lt;state&gt;.&lt;parameter&gt;" ("optimizer.exp_avg.0.weight"), and "__metadata__" with format
/// "grimoire-checkpoint", version "1", the optimizer's type, step count and learning rate, the schedule's type and
/// epoch, generator states as "rng.&lt;name&gt;", plus the caller's own strings. Note that <see cref="Layers.Linear"/> stores its weight as [in, out], the transpose of PyTorch's.
/// Loading is all or nothing: every metadata value, name, shape and dtype is checked against the model, and every value
/// parsed, before anything is written.
/// </summary>
public static class Checkpoint
{
    /// <summary>The "format" metadata value every checkpoint carries; loading refuses a file with any other.</summary>
    public const string Format = "grimoire-checkpoint";
    /// <summary>The "version" metadata value written; loading refuses a file with any other.</summary>
    public const int Version = 1;
    private const string Kind = "checkpoint";
    private const string OptimizerPrefix = "optimizer.";
    private const string StatePrefix = "state.";

    /// <summary>Writes <paramref name="module"/>'s parameters and buffers and, when given, the optimizer's state, the
    /// schedule's epoch, the named generators' states and further named <paramref name="state"/> tensors (stored as
    /// "state.&lt;name&gt;": a training loop's callbacks), so a run can resume exactly where it was.</summary>
    public static void Save(string path, ModuleBase module, Optimizer? optimizer = null, IReadOnlyDictionary<string, string>? metadata = null,
        LearningRateScheduler? scheduler = null, IReadOnlyDictionary<string, Rng>? generators = null, IReadOnlyList<(string Name, Tensor Tensor)>? state = null) =>
        SafeTensors.Write(path, CheckpointMetadata.ToStrings(optimizer, scheduler, generators, metadata), Entries(module, optimizer, state).Select(e => Store(e.Name, e.Tensor)));

    /// <summary>Copies the checkpoint's tensors into <paramref name="module"/> (and <paramref name="optimizer"/>'s state,
    /// step count and learning rate, <paramref name="scheduler"/>'s epoch and each of <paramref name="generators"/>'
    /// state, for those given; the file's other parts are ignored) and returns the caller's metadata. Everything is
    /// checked and every value parsed into a new tensor first, so a load that fails leaves all of them as they were.
    /// <paramref name="checkMetadata"/> sees the caller's metadata before anything is written and may refuse the file
    /// by throwing (a training loop reads its counters there). The <paramref name="state"/> tensors given are filled from
    /// the file's "state." tensors of the same names; stored state no target asks for is ignored.</summary>
    public static IReadOnlyDictionary<string, string> Load(string path, ModuleBase module, Optimizer? optimizer = null,
        LearningRateScheduler? scheduler = null, IReadOnlyDictionary<string, Rng>? generators = null,
        Action<IReadOnlyDictionary<string, string>>? checkMetadata = null, IReadOnlyList<(string Name, Tensor Tensor)>? state = null)
    {
        var (meta, tensors) = SafeTensors.Read(path, Kind, message => new CheckpointException(message));
        var metadata = CheckpointMetadata.Read(path, meta, optimizer, scheduler, generators?.Keys ?? []);
        checkMetadata?.Invoke(metadata.Caller);
        var targets = Entries(module, optimizer, state).ToList();
        var values = Parse(path, tensors.Where(t => !t.Name.StartsWith(StatePrefix, StringComparison.Ordinal) || targets.Any(e => e.Name == t.Name)).ToList(), targets, optimizer is not null);
        try
        {
            using (GradMode.NoGrad())
            {
                foreach (var (value, target) in values) value.CopyTo(target);
            }
        }
        finally
        {
            foreach (var (value, _) in values) value.Dispose();
        }
        if (optimizer is not null)
        {
            optimizer.Steps = metadata.Steps;
            optimizer.LearningRate = metadata.LearningRate;
        }
        if (scheduler is not null) scheduler.Epoch = metadata.SchedulerEpoch;
        foreach (var (name, generatorState) in metadata.Generators) generators![name].State = generatorState;
        return metadata.Caller;
    }

    /// <summary>One new tensor per target, holding the stored values, after checking that the stored tensors are
    /// exactly the targets by name, dtype and shape (optimizer state is skipped when <paramref name="withOptimizer"/> is
    /// false).</summary>
    private static List<(Tensor Value, Tensor Target)> Parse(string path, IReadOnlyList<StoredTensor> tensors, List<(string Name, Tensor Tensor)> targets, bool withOptimizer)
    {
        var stored = tensors.Where(t => withOptimizer || !t.Name.StartsWith(OptimizerPrefix, StringComparison.Ordinal)).ToDictionary(t => t.Name);
        foreach (var (name, target) in targets)
        {
            if (!stored.TryGetValue(name, out var t)) throw new CheckpointException($"{path}: tensor '{name}' of the model is missing from the checkpoint");
            if (t.DType != target.DType || !t.Shape.AsSpan().SequenceEqual(target.Shape.AsSpan()))
                throw new CheckpointException($"{path}: tensor '{name}' is {t.DType.Name()} [{string.Join(", ", t.Shape)}] in the checkpoint but {target.DType.Name()} {target.Shape} in the model");
        }
        var unexpected = stored.Keys.Except(targets.Select(e => e.Name)).ToList();
        if (unexpected.Count > 0) throw new CheckpointException($"{path}: the model has no tensor named {string.Join(", ", unexpected.Take(8).Select(n => $"'{n}'"))}");
        var values = new List<(Tensor, Tensor)>();
        try
        {
            foreach (var (name, target) in targets) values.Add((Value(stored[name], target), target));
            return values;
        }
        catch
        {
            foreach (var (value, _) in values) value.Dispose();
            throw;
        }
    }

    /// <summary>Every tensor a checkpoint holds for this module and optimizer, by its stored name.</summary>
    private static IEnumerable<(string Name, Tensor Tensor)> Entries(ModuleBase module, Optimizer? optimizer, IReadOnlyList<(string Name, Tensor Tensor)>? state)
    {
        foreach (var (name, tensor) in state ?? []) yield return (StatePrefix + name, tensor);
        var named = module.NamedParameters().ToList();
        foreach (var (name, p) in named) yield return (name, p.Value);
        foreach (var entry in module.NamedBuffers()) yield return entry;
        if (optimizer is null) yield break;
        var names = optimizer.Parameters.Select(p => named.FirstOrDefault(n => ReferenceEquals(n.Parameter, p)).Name
            ?? throw new CheckpointException($"optimizer parameter '{p.Name}' {p.Shape} does not belong to the module being checkpointed")).ToArray();
        foreach (var (stateName, perParameter) in optimizer.State)
        {
            for (var i = 0; i < names.Length; i++) yield return ($"{OptimizerPrefix}{stateName}.{names[i]}", perParameter[i]);
        }
    }

    private static StoredTensor Store(string name, Tensor t) => t.DType switch
    {
        DType.Float32 => StoredTensor.From(name, t.Shape.ToArray(), t.ToArray<float>()),
        DType.Float64 => StoredTensor.From(name, t.Shape.ToArray(), t.ToArray<double>()),
        _ => StoredTensor.From(name, t.Shape.ToArray(), t.ToArray<int>()),
    };

    private static Tensor Value(StoredTensor source, Tensor target) => source.DType switch
    {
        DType.Float32 => Tensor.FromArray(source.Values<float>(), target.Shape, target.Device),
        DType.Float64 => Tensor.FromArray(source.Values<double>(), target.Shape, target.Device),
        _ => Tensor.FromArray(source.Values<int>(), target.Shape, target.Device),
    };
}
