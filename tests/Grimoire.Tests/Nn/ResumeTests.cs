using Grimoire.Nn;
using Grimoire.Nn.Checkpoints;
using Grimoire.Nn.Layers;
using Grimoire.Nn.Optimizers;
using Grimoire.Nn.Schedules;
using Grimoire.Nn.Training;
using static Grimoire.Tests.Nn.GeneralModuleTests;

namespace Grimoire.Tests.Nn;

/// <summary>Resuming: N steps straight equal k steps, a checkpoint, fresh objects loaded from it and the rest, bit for
/// bit (parameters, optimizer state, schedule, generators), in float32 and float64, with Adam, SGD momentum, a schedule
/// and dropout; damaged or mismatched checkpoints are refused with a CheckpointException before anything changes.</summary>
[TestFixture]
public sealed class ResumeTests
{
    private const int Epochs = 4;
    private string _directory = "";

    [SetUp]
    public void SetUp() => _directory = Directory.CreateTempSubdirectory("grimoire-resume-").FullName;

    [TearDown]
    public void TearDown() => Directory.Delete(_directory, recursive: true);

    [TestCase(DType.Float32, "adam", 2, 0)]
    [TestCase(DType.Float64, "adam", 2, 0)]
    [TestCase(DType.Float32, "adam", 0, 7)]
    [TestCase(DType.Float64, "sgd", 0, 5)]
    [TestCase(DType.Float32, "sgd", 1, 0)]
    [TestCase(DType.Float64, "adam", 0, 9, ScheduleInterval.Step)]
    public void ResumedRunEqualsTheStraightRunBitForBit(DType dtype, string optimizer, int everyEpochs, int everySteps, ScheduleInterval interval = ScheduleInterval.Epoch)
    {
        using var straight = new Run(dtype, optimizer, interval: interval);
        var straightHistory = straight.Loop().Fit(straight.Batches, Epochs);

        // Train until the first periodic checkpoint, then throw the run away.
        var path = Path.Combine(_directory, "run-{epoch}-{step}.ckpt");
        using (var first = new Run(dtype, optimizer, interval: interval))
        {
            first.Loop([new PeriodicCheckpoint(path, everyEpochs, everySteps), new StopWhenSaved(_directory)]).Fit(first.Batches, Epochs);
        }
        var saved = Directory.GetFiles(_directory).Single();

        using var resumed = new Run(dtype, optimizer, seedOffset: 100, interval: interval);
        var loop = resumed.Loop();
        loop.Resume(saved);
        Assert.That(loop.Context.Step, Is.EqualTo(everySteps > 0 ? everySteps : everyEpochs * 6));
        var history = loop.Fit(resumed.Batches, Epochs);
        Assert.That(history[^1].Epoch, Is.EqualTo(Epochs));
        Assert.That(resumed.State(), Is.EqualTo(straight.State()));
        Assert.That(history[^1].TrainLoss, Is.EqualTo(straightHistory[^1].TrainLoss));
    }

    /// <summary>Early stopping with a patience that spans the checkpoint: the resumed run stops at the same epoch and
    /// restores the same best weights only if the best value, its epoch, the epochs since and the best weights came
    /// back with the checkpoint (a fresh rule would count patience from the resume, stop later and keep other weights).</summary>
    [TestCase(true)]
    [TestCase(false)]
    public void EarlyStoppingResumesWhereItWas(bool restoreBest)
    {
        const int epochs = 40;
        EarlyStop Rule() => new("validation_mse", Goal.Minimize, patience: 3, minDelta: 0.02, restoreBest: restoreBest);
        using var straightRule = Rule();
        using var straight = new Run(DType.Float64, "adam");
        var straightLoop = straight.Loop([straightRule], validated: true);
        straightLoop.Fit(straight.Batches, epochs, straight.Batches);
        var stoppedAt = straightLoop.Context.CompletedEpochs;
        Assume.That(stoppedAt, Is.InRange(4, epochs - 1), "the rule stops the run, patience epochs after its best");

        var path = Path.Combine(_directory, "early.ckpt");
        using (var firstRule = Rule())
        using (var first = new Run(DType.Float64, "adam"))
        {
            // saved one epoch before the stop: the best epoch lies before the checkpoint, and patience has nearly run out
            first.Loop([firstRule, new PeriodicCheckpoint(path, everyEpochs: stoppedAt - 1), new StopWhenSaved(_directory)], validated: true).Fit(first.Batches, epochs, first.Batches);
        }
        using var resumedRule = Rule();
        using var resumed = new Run(DType.Float64, "adam", seedOffset: 100);
        var loop = resumed.Loop([resumedRule], validated: true);
        loop.Resume(path);
        loop.Fit(resumed.Batches, epochs, resumed.Batches);
        Assert.That(loop.Context.CompletedEpochs, Is.EqualTo(stoppedAt));
        Assert.That(resumed.State(), Is.EqualTo(straight.State()));
    }

    [Test]
    public void ACheckpointWithoutTheRulesStateIsRefusedByALoopWithTheRule()
    {
        var path = Path.Combine(_directory, "plain-loop.ckpt");
        using (var source = new Run(DType.Float32, "adam"))
        {
            var plain = source.Loop();
            plain.Fit(source.Batches, 1);
            plain.Context.SaveCheckpoint(path);
        }
        using var rule = new EarlyStop("validation_mse", Goal.Minimize, patience: 2);
        using var target = new Run(DType.Float32, "adam");
        var before = target.State();
        Assert.That(() => target.Loop([rule], validated: true).Resume(path), Throws.TypeOf<CheckpointException>().With.Message.Contain("EarlyStop.0"));
        Assert.That(target.State(), Is.EqualTo(before), "a refused checkpoint changes nothing");
    }

    [Test]
    public void SourceDrawingFromACarriedGeneratorResumesFromAnEpochEnd()
    {
        using var straight = new Run(DType.Float32, "adam");
        var order = new Rng(77);
        straight.Loop(orderRng: order).Fit(_ => straight.Data.Batches(6, order), Epochs);

        var path = Path.Combine(_directory, "epoch.ckpt");
        using (var first = new Run(DType.Float32, "adam"))
        {
            var firstOrder = new Rng(77);
            first.Loop([new PeriodicCheckpoint(path), new StopWhenSaved(_directory)], firstOrder).Fit(_ => first.Data.Batches(6, firstOrder), Epochs);
        }
        using var resumed = new Run(DType.Float32, "adam", seedOffset: 100);
        var resumedOrder = new Rng(5);
        var loop = resumed.Loop(orderRng: resumedOrder);
        loop.Resume(path);
        loop.Fit(_ => resumed.Data.Batches(6, resumedOrder), Epochs);
        Assert.That(resumed.State(), Is.EqualTo(straight.State()));
    }

    [Test]
    public void GeneratorStateRoundTripsIncludingTheSpareNormal()
    {
        var a = new Rng(3);
        a.NextNormal();
        var b = new Rng(9) { State = a.State };
        Assert.That(Enumerable.Range(0, 5).Select(_ => b.NextNormal()), Is.EqualTo(Enumerable.Range(0, 5).Select(_ => a.NextNormal())));
        Assert.That(() => b.State = default, Throws.ArgumentException.With.Message.Contain("not a generator state"));
        Assert.That(() => b.State = a.State with { SpareNormal = double.NaN }, Throws.ArgumentException);
    }

    [Test]
    public void BadCheckpointsAreRefusedBeforeAnythingChanges()
    {
        var plain = Path.Combine(_directory, "plain.ckpt");
        var good = Path.Combine(_directory, "good.ckpt");
        using (var source = new Run(DType.Float32, "adam"))
        {
            var loop = source.Loop();
            loop.Fit(source.Batches, 1);
            Checkpoint.Save(plain, source.Model, source.Optimizer);
            loop.Context.SaveCheckpoint(good, new Dictionary<string, string> { ["note"] = "kept" });
            Assert.That(() => loop.Context.SaveCheckpoint(good, new Dictionary<string, string> { ["loop.epoch"] = "1" }), Throws.ArgumentException.With.Message.Contain("reserved"));
        }
        using var target = new Run(DType.Float32, "adam", seedOffset: 100);
        var before = target.State();
        var targetLoop = target.Loop();
        Assert.That(() => targetLoop.Resume(plain), Throws.TypeOf<CheckpointException>().With.Message.Contain("metadata 'rng.dropout' is missing"));
        foreach (var (key, value, message) in new[]
        {
            ("rng.dropout", "00 00", "not a generator state"),
            ("rng.dropout", "0000000000000000 0000000000000000 0000000000000000 0000000000000000 -", "not a generator state"),
            ("scheduler", "ExponentialLR", "not StepLR"),
            ("scheduler.epoch", "-1", "'scheduler.epoch' must be an integer"),
            ("loop.batch", "x", "'loop.batch' must be an integer"),
            ("loop.loss_weight", "5", "does not fit"),
            ("loop.loss_total", "NaN", "'loop.loss_total' must be a finite number"),
        })
        {
            var damaged = Path.Combine(_directory, "damaged.ckpt");
            Rewrite(good, damaged, key, value);
            Assert.That(() => targetLoop.Resume(damaged), Throws.TypeOf<CheckpointException>().With.Message.Contain(message), key);
        }
        Assert.That(target.State(), Is.EqualTo(before), "failed loads change nothing");
        Assert.That(targetLoop.Resume(good), Is.EqualTo(new Dictionary<string, string> { ["note"] = "kept" }));
        Assert.That(targetLoop.Context.CompletedEpochs, Is.EqualTo(1));
    }

    /// <summary>Copies the checkpoint at <paramref name="from"/> with one metadata value replaced.</summary>
    private static void Rewrite(string from, string to, string key, string value)
    {
        var (meta, tensors) = Grimoire.IO.SafeTensors.Read(from, "checkpoint", m => new CheckpointException(m));
        var changed = meta.ToDictionary(p => p.Key, p => p.Value);
        changed[key] = value;
        Grimoire.IO.SafeTensors.Write(to, changed, tensors);
    }

    /// <summary>Stops the run once a file is in <paramref name="directory"/>; placed after the PeriodicCheckpoint,
    /// it sees the save of the same batch or epoch.</summary>
    private sealed class StopWhenSaved(string directory) : TrainingCallback
    {
        public override void OnBatchEnd(TrainingContext context) => StopIfSaved(context);

        public override void OnEpochEnd(TrainingContext context, EpochSummary summary) => StopIfSaved(context);

        private void StopIfSaved(TrainingContext context)
        {
            if (Directory.EnumerateFiles(directory).Any()) context.Stop("saved");
        }
    }

    /// <summary>A regression net with dropout, an optimizer and a StepLR schedule (per epoch) or an ExponentialLR one
    /// (per step), built from seeds; with
    /// <c>seedOffset</c> the weights and generators start elsewhere, so only a checkpoint can make it match.</summary>
    private sealed class Run : IDisposable
    {
        private readonly Rng _dropout;
        private readonly ScheduleInterval _interval;

        public Run(DType dtype, string optimizer, ulong seedOffset = 0, ScheduleInterval interval = ScheduleInterval.Epoch)
        {
            _interval = interval;
            Data = RegressionData.Create(36, 4, dtype);
            _dropout = new Rng(50 + seedOffset);
            Model = new Sequential(new Linear(2, 8, Activation.Tanh, new Rng(1 + seedOffset), dtype: dtype), new Dropout(0.25, _dropout),
                new Linear(8, 1, rng: new Rng(2 + seedOffset), dtype: dtype));
            Optimizer = optimizer == "adam" ? new Adam(Model.Parameters(), 0.02) : new Sgd(Model.Parameters(), 0.02, momentum: 0.9);
            Scheduler = interval == ScheduleInterval.Epoch ? new StepLR(Optimizer, 1, 0.8) : new ExponentialLR(Optimizer, 0.97);
        }

        public RegressionData Data { get; }

        public Module Model { get; }

        public Optimizer Optimizer { get; }

        public LearningRateScheduler Scheduler { get; }

        public IEnumerable<(Tensor X, Tensor Y)> Batches(int epoch) => Data.Batches(6, 9, epoch);

        public TrainingLoop<Module, (Tensor X, Tensor Y)> Loop(IReadOnlyList<TrainingCallback>? callbacks = null, Rng? orderRng = null, bool validated = false) =>
            new(Model, Optimizer, (m, b) => Losses.Mse(m.Forward(b.X), b.Y))
            {
                Metrics = validated ? [new("validation_mse", (m, b) => Losses.Mse(m.Forward(b.X), b.Y).Item(), b => b.X.Shape[0])] : [],
                Scheduler = Scheduler,
                ScheduleEvery = _interval,
                Generators = orderRng is null ? new Dictionary<string, Rng> { ["dropout"] = _dropout } : new Dictionary<string, Rng> { ["dropout"] = _dropout, ["order"] = orderRng },
                Callbacks = callbacks ?? [],
                BatchWeight = b => b.X.Shape[0],
            };

        /// <summary>Parameters, optimizer state, learning rate, step and schedule epoch (round-trip text, so equal means
        /// bit-equal) and the dropout generator's state.</summary>
        public string State() =>
            string.Join(' ', Model.Parameters().Select(p => p.Value).Concat(Optimizer.State.SelectMany(s => s.Tensors)).SelectMany(t => t.ToDoubleArray())
                .Concat([Optimizer.LearningRate, Optimizer.Steps, Scheduler.Epoch]).Select(v => v.ToString("R", System.Globalization.CultureInfo.InvariantCulture)))
            + $" {_dropout.State}";

        public void Dispose()
        {
            Optimizer.Dispose();
            Model.Dispose();
            Data.Dispose();
        }
    }
}
