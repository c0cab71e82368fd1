using System.Buffers.Binary;
using System.Text;
using System.Text.Json.Nodes;
using Grimoire.Nn;
using Grimoire.Nn.Checkpoints;
using Grimoire.Nn.Layers;
using Grimoire.Nn.Optimizers;

namespace Grimoire.Tests.Nn;

/// <summary>Checkpoints: a save/load round trip restores parameters, buffers and optimizer state exactly (the next
/// step matches); the file is plain safetensors; mismatched or damaged files give CheckpointExceptions naming the
/// tensor or the damage.</summary>
[TestFixture]
public sealed class CheckpointTests
{
    private string _path = "";

    [SetUp]
    public void SetUp() => _path = Path.Combine(Path.GetTempPath(), $"grimoire-checkpoint-{Guid.NewGuid():N}.safetensors");

    [TearDown]
    public void TearDown() => File.Delete(_path);

    internal static Sequential Model(ulong seed, int hidden = 4, DType dtype = DType.Float32) =>
        new(new Linear(3, hidden, Activation.None, new Rng(seed), dtype: dtype), new BatchNorm1d(hidden, dtype: dtype), new Linear(hidden, 2, Activation.None, new Rng(seed + 1), dtype: dtype));

    internal static void TrainStep(Module model, Optimizer optimizer)
    {
        using var scope = new TensorScope();
        using var x = Tensor.RandN(new Shape(6, 3), rng: new Rng(9), dtype: model.Parameters()[0].Value.DType);
        optimizer.ZeroGrad();
        (model.Forward(x) * model.Forward(x)).Sum().Backward();
        optimizer.Step();
    }

    private static double[] State(Module model, Optimizer optimizer) =>
        model.NamedParameters().Select(p => p.Parameter.Value).Concat(model.NamedBuffers().Select(b => b.Buffer))
            .Concat(optimizer.State.SelectMany(s => s.Tensors)).SelectMany(t => t.ToDoubleArray()).ToArray();

    [Test]
    public void RoundTripRestoresModelAndOptimizerExactly()
    {
        using var model = Model(1);
        using var adam = new Adam(model.Parameters(), 0.01);
        TrainStep(model, adam);
        TrainStep(model, adam);
        adam.LearningRate = 0.005;
        Checkpoint.Save(_path, model, adam, new Dictionary<string, string> { ["epoch"] = "2" });

        using var restored = Model(7);
        using var restoredAdam = new Adam(restored.Parameters(), 0.01);
        var metadata = Checkpoint.Load(_path, restored, restoredAdam);
        Assert.That(metadata, Is.EqualTo(new Dictionary<string, string> { ["epoch"] = "2" }));
        Assert.That((restoredAdam.Steps, restoredAdam.LearningRate), Is.EqualTo((2, 0.005)));
        Assert.That(State(restored, restoredAdam), Is.EqualTo(State(model, adam)));
        TrainStep(model, adam);
        TrainStep(restored, restoredAdam);
        Assert.That(State(restored, restoredAdam), Is.EqualTo(State(model, adam)));
        Assert.That(File.Exists(_path + ".tmp"), Is.False);
    }

    [Test]
    public void FileIsSafetensorsWithDottedNamesAndMetadata()
    {
        using var model = Model(1, dtype: DType.Float64);
        using var sgd = new Sgd(model.Parameters(), 0.1, momentum: 0.9);
        Checkpoint.Save(_path, model, sgd);
        var bytes = File.ReadAllBytes(_path);
        var length = (int)BinaryPrimitives.ReadUInt64LittleEndian(bytes);
        Assert.That(length % 8, Is.Zero, "data starts 8-byte aligned");
        var header = JsonNode.Parse(Encoding.UTF8.GetString(bytes, 8, length))!.AsObject();
        Assert.That(header["__metadata__"]!["format"]!.GetValue<string>(), Is.EqualTo("grimoire-checkpoint"));
        Assert.That(header["__metadata__"]!["version"]!.GetValue<string>(), Is.EqualTo("1"));
        Assert.That(header["__metadata__"]!["optimizer.steps"]!.GetValue<string>(), Is.EqualTo("0"));
        Assert.That(header["0.weight"]!["dtype"]!.GetValue<string>(), Is.EqualTo("F64"));
        Assert.That(header["0.weight"]!["shape"]!.ToJsonString(), Is.EqualTo("[3,4]"));
        Assert.That(header.Select(p => p.Key), Is.SupersetOf(new[] { "1.running_mean", "1.running_var", "optimizer.momentum_buffer.2.bias" }));
        var last = header.Where(p => p.Key != "__metadata__").Max(p => p.Value!["data_offsets"]![1]!.GetValue<long>());
        Assert.That(8 + length + last, Is.EqualTo(bytes.Length));
    }

    [Test]
    public void OptimizerStateIsIgnoredWhenNoOptimizerIsGiven()
    {
        using var model = Model(1);
        using var adam = new Adam(model.Parameters());
        Checkpoint.Save(_path, model, adam);
        using var restored = Model(3);
        Checkpoint.Load(_path, restored);
        Assert.That(restored.Parameters().SelectMany(p => p.Value.ToDoubleArray()), Is.EqualTo(model.Parameters().SelectMany(p => p.Value.ToDoubleArray())));
    }

    [Test]
    public void MismatchesNameTheTensor()
    {
        using var model = Model(1);
        using var adam = new Adam(model.Parameters());
        Checkpoint.Save(_path, model, adam);
        using var wider = Model(1, hidden: 5);
        Assert.That(() => Checkpoint.Load(_path, wider), Throws.TypeOf<CheckpointException>().With.Message.Contain("tensor '0.weight' is f32 [3, 4] in the checkpoint but f32 [3, 5]"));
        using var doubles = Model(1, dtype: DType.Float64);
        Assert.That(() => Checkpoint.Load(_path, doubles), Throws.TypeOf<CheckpointException>().With.Message.Contain("'0.weight' is f32 [3, 4] in the checkpoint but f64 [3, 4]"));
        using var longer = new Sequential(Model(1), new Linear(2, 2));
        Assert.That(() => Checkpoint.Load(_path, longer), Throws.TypeOf<CheckpointException>().With.Message.Contain("tensor '0.0.weight' of the model is missing"));
        using var shorter = new Sequential(new Linear(3, 4), new BatchNorm1d(4));
        Assert.That(() => Checkpoint.Load(_path, shorter), Throws.TypeOf<CheckpointException>().With.Message.Contain("no tensor named '2.weight', '2.bias'"));
        using var sgd = new Sgd(model.Parameters(), 0.1);
        Assert.That(() => Checkpoint.Load(_path, model, sgd), Throws.TypeOf<CheckpointException>().With.Message.Contain("holds Adam state, not Sgd"));
    }

    [Test]
    public void DamagedFilesAreReported()
    {
        using var model = Model(1);
        Checkpoint.Save(_path, model);
        var bytes = File.ReadAllBytes(_path);
        File.WriteAllBytes(_path, bytes[..^4]);
        Assert.That(() => Checkpoint.Load(_path, model), Throws.TypeOf<CheckpointException>().With.Message.Contain("truncated or corrupt").And.Message.Contain("'1.running_var'"));
        File.WriteAllBytes(_path, bytes[..20]);
        Assert.That(() => Checkpoint.Load(_path, model), Throws.TypeOf<CheckpointException>().With.Message.Contain("exceeds the file"));
        File.WriteAllBytes(_path, [1, 2, 3]);
        Assert.That(() => Checkpoint.Load(_path, model), Throws.TypeOf<CheckpointException>().With.Message.Contain("not a checkpoint"));
        File.WriteAllBytes(_path, [.. BitConverter.GetBytes(4L), .. "{oops"u8]);
        Assert.That(() => Checkpoint.Load(_path, model), Throws.TypeOf<CheckpointException>().With.Message.Contain("not valid JSON"));
        Assert.That(() => Checkpoint.Load(_path + ".missing", model), Throws.TypeOf<CheckpointException>().With.Message.Contain("not found"));
    }

    /// <summary>The raw bytes of every parameter, buffer and optimizer state tensor, then the step count and the
    /// learning rate's bits: equal snapshots mean bit-identical training state.</summary>
    internal static byte[] Bits(Module model, Optimizer optimizer) =>
        model.NamedParameters().Select(p => p.Parameter.Value).Concat(model.NamedBuffers().Select(b => b.Buffer)).Concat(optimizer.State.SelectMany(s => s.Tensors))
            .SelectMany(t => t.DType == DType.Float64 ? t.ToArray<double>().SelectMany(BitConverter.GetBytes) : t.ToArray<float>().SelectMany(BitConverter.GetBytes))
            .Concat(BitConverter.GetBytes(optimizer.Steps)).Concat(BitConverter.GetBytes(optimizer.LearningRate)).ToArray();

    /// <summary>Rewrites the checkpoint at <paramref name="path"/> with one metadata value replaced (or removed when null).</summary>
    private static void EditMetadata(string path, string key, string? value)
    {
        var (meta, tensors) = Grimoire.IO.SafeTensors.Read(path, "checkpoint", m => new CheckpointException(m));
        var edited = meta.ToDictionary();
        if (value is null) edited.Remove(key);
        else edited[key] = value;
        Grimoire.IO.SafeTensors.Write(path, edited, tensors);
    }

    [TestCase("optimizer.learning_rate", "abc")]
    [TestCase("optimizer.learning_rate", "NaN")]
    [TestCase("optimizer.learning_rate", "Infinity")]
    [TestCase("optimizer.learning_rate", "-Infinity")]
    [TestCase("optimizer.learning_rate", "0")]
    [TestCase("optimizer.learning_rate", "-0.01")]
    [TestCase("optimizer.learning_rate", "1e999")]
    [TestCase("optimizer.learning_rate", null)]
    [TestCase("optimizer.steps", "-1")]
    [TestCase("optimizer.steps", "abc")]
    [TestCase("optimizer.steps", "99999999999")]
    [TestCase("optimizer.steps", "2.5")]
    [TestCase("optimizer.steps", null)]
    [TestCase("optimizer", null)]
    public void AFailingLoadLeavesModelAndOptimizerBitIdentical(string key, string? value)
    {
        using var saved = Model(1);
        using var savedAdam = new Adam(saved.Parameters(), 0.01);
        TrainStep(saved, savedAdam);
        Checkpoint.Save(_path, saved, savedAdam);
        EditMetadata(_path, key, value);

        using var model = Model(5);
        using var adam = new Adam(model.Parameters(), 0.02);
        TrainStep(model, adam);
        TrainStep(model, adam);
        var before = Bits(model, adam);
        var e = Assert.Throws<CheckpointException>(() => Checkpoint.Load(_path, model, adam))!;
        Assert.That(e.Message, Does.Contain(_path).And.Contain(key));
        Assert.That(Bits(model, adam), Is.EqualTo(before), "nothing was written into the model or the optimizer");
    }

    [Test]
    public void AFailingLoadOfTheLastTensorLeavesTheModelBitIdentical()
    {
        using var saved = Model(1);
        using var savedAdam = new Adam(saved.Parameters(), 0.01);
        Checkpoint.Save(_path, saved, savedAdam);
        var (meta, tensors) = Grimoire.IO.SafeTensors.Read(_path, "checkpoint", m => new CheckpointException(m));
        var last = tensors[^1];
        Grimoire.IO.SafeTensors.Write(_path, meta, [.. tensors.SkipLast(1), last with { Shape = [.. last.Shape, 1] }]);

        using var model = Model(5);
        using var adam = new Adam(model.Parameters(), 0.02);
        TrainStep(model, adam);
        var before = Bits(model, adam);
        Assert.That(() => Checkpoint.Load(_path, model, adam), Throws.TypeOf<CheckpointException>().With.Message.Contain(last.Name));
        Assert.That(Bits(model, adam), Is.EqualTo(before));
    }

    [Test]
    public void ReservedMetadataKeysAreRefused()
    {
        using var model = Model(1);
        Assert.That(() => Checkpoint.Save(_path, model, metadata: new Dictionary<string, string> { ["format"] = "x" }),
            Throws.ArgumentException.With.Message.Contain("'format' is reserved"));
    }
}
