using Grimoire.Nn;
using Grimoire.Nn.Checkpoints;
using Grimoire.Nn.Optimizers;
using Grimoire.Tests.Nn;

namespace Grimoire.Tests.Fuzzing;

/// <summary>A checkpoint of a small network (linear, batch norm, linear) trained two steps with Adam. Loading is
/// <see cref="Checkpoint.Load"/> into a fresh network and optimizer; a refused load must leave both bit-identical,
/// an accepted one must leave them holding exactly the file's tensors, step count and learning rate.</summary>
internal sealed class CheckpointSubject : SafeTensorsSubject
{
    public CheckpointSubject()
    {
        using var model = CheckpointTests.Model(1);
        using var adam = new Adam(model.Parameters(), 0.01);
        CheckpointTests.TrainStep(model, adam);
        CheckpointTests.TrainStep(model, adam);
        File = Written(".safetensors", path => Checkpoint.Save(path, model, adam, new Dictionary<string, string> { ["epoch"] = "2" }));
    }

    public override string Name => "checkpoint: linear + batch norm + linear, Adam";

    public override byte[] File { get; }

    public override Verdict Load(string path, byte[] bytes)
    {
        using var model = CheckpointTests.Model(5);
        using var adam = new Adam(model.Parameters(), 0.02);
        var before = CheckpointTests.Bits(model, adam);
        IReadOnlyDictionary<string, string> caller;
        try
        {
            caller = Checkpoint.Load(path, model, adam);
        }
        catch (GrimoireException e)
        {
            return Verdict.Refuse(e, path, CheckpointTests.Bits(model, adam).SequenceEqual(before) ? null : "a refused load changed the model or the optimizer");
        }
        return Verdict.Accept(Check(bytes, model, adam, caller));
    }

    private static string? Check(byte[] bytes, Module model, Optimizer optimizer, IReadOnlyDictionary<string, string> caller)
    {
        if (ReferenceSafeTensors.Parse(bytes) is not { } file) return "accepted a file that breaks the safetensors layout";
        var names = model.NamedParameters().Select(p => p.Name).ToArray();
        var tensors = model.NamedParameters().Select(p => (p.Name, p.Parameter.Value)).Concat(model.NamedBuffers())
            .Concat(optimizer.State.SelectMany(s => s.Tensors.Select((t, i) => ($"optimizer.{s.Name}.{names[i]}", t)))).ToList();
        if (!file.Tensors.Select(t => t.Name).Order().SequenceEqual(tensors.Select(t => t.Item1).Order())) return "the tensors differ from the file's";
        foreach (var (name, tensor) in tensors)
        {
            var stored = file.Named(name);
            if (stored.DType != "F32" || !stored.Bytes.SequenceEqual(tensor.ToArray<float>().SelectMany(BitConverter.GetBytes))) return $"tensor '{name}' differs from the file's";
        }
        if (optimizer.Steps != int.Parse(file.Metadata["optimizer.steps"], System.Globalization.CultureInfo.InvariantCulture)) return "the step count differs from the file's";
        if (optimizer.LearningRate != double.Parse(file.Metadata["optimizer.learning_rate"], System.Globalization.CultureInfo.InvariantCulture)) return "the learning rate differs from the file's";
        if (!caller.OrderBy(p => p.Key).SequenceEqual(file.Metadata.Where(p => !CheckpointMetadata.Reserved.Contains(p.Key)).OrderBy(p => p.Key))) return "the caller's metadata differs from the file's";
        return null;
    }
}
