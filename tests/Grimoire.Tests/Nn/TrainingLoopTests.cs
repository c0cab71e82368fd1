using Grimoire.Nn;
using Grimoire.Nn.Layers;
using Grimoire.Nn.Optimizers;
using Grimoire.Nn.Training;
using static Grimoire.Tests.Nn.GeneralModuleTests;

namespace Grimoire.Tests.Nn;

/// <summary>The general loop's contract: callbacks run in order at fixed points, stops end the run, progress goes to
/// standard error by default, <see cref="Trainer"/> gives what its own loop gave, and bad input is refused by type.</summary>
[TestFixture]
public sealed class TrainingLoopTests
{
    [Test]
    public void CallbacksRunInTheirOrderAtEachPoint()
    {
        using var run = new RegressionRun();
        var log = new List<string>();
        var loop = run.Loop(callbacks: [new Recorder("a", log), new Recorder("b", log)]);
        loop.Fit(epoch => run.Data.Batches(16, 1, epoch), 2, _ => [(run.Data.X, run.Data.Y)]);
        string[] Epoch(int e) => [$"a epoch {e}", $"b epoch {e}", .. Enumerable.Range(1, 2).SelectMany(b => new[] { $"a batch {e}.{b}", $"b batch {e}.{b}" }), $"a end {e}", $"b end {e}"];
        Assert.That(log, Is.EqualTo(new[] { "a begin", "b begin" }.Concat(Epoch(1)).Concat(Epoch(2)).Concat(["a done", "b done"])));
    }

    [Test]
    public void EarlyStopOnAMetricStopsAndRestoresTheBestEpoch()
    {
        using var run = new RegressionRun();
        var output = new StringWriter();
        // The validation targets are negated, so its error only grows as the model learns: epoch 1 is the best.
        using var negated = -run.Data.Y;
        using var early = new EarlyStop("val mse", Goal.Minimize, patience: 2);
        var loop = run.Loop(callbacks: [new ProgressReport(output, ProgressStyle.Lines), early]);
        var history = loop.Fit(epoch => run.Data.Batches(8, 1, epoch), 20, _ => [(run.Data.X, negated)]);
        Assert.That(history, Has.Count.EqualTo(3));
        Assert.That(output.ToString(), Does.Contain("early stop after epoch 3: best val mse").And.Contain("at epoch 1"));
        Assert.That(output.ToString(), Does.Match(@"^epoch +1/20  train loss \d+\.\d{4}  val mse \d+\.\d{4}\r?\n"));
        using var reference = new RegressionRun();
        reference.Loop().Fit(epoch => reference.Data.Batches(8, 1, epoch), 1);
        Assert.That(run.Weights(), Is.EqualTo(reference.Weights()));
    }

    [Test]
    public void StopFromABatchEndsTheRunInsideTheEpoch()
    {
        using var run = new RegressionRun();
        var loop = run.Loop(callbacks: [new StopAtStep(3)]);
        var history = loop.Fit(epoch => run.Data.Batches(16, 1, epoch), 5);
        Assert.That((history.Count, loop.Context.Step, loop.Context.StopReason), Is.EqualTo((1, 3, "step 3")));
    }

    [Test]
    public void ProgressGoesToStandardErrorByDefault()
    {
        var original = Console.Error;
        var error = new StringWriter();
        Console.SetError(error);
        try
        {
            using var run = new RegressionRun();
            run.Loop(callbacks: [new ProgressReport()]).Fit(epoch => run.Data.Batches(16, 1, epoch), 2);
        }
        finally
        {
            Console.SetError(original);
        }
        var lines = error.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries);
        Assert.That(lines, Has.Length.EqualTo(2).And.All.Match(@"^epoch +\d/2  train loss \d+\.\d{4}$"));
    }

    [Test]
    public void BarWithoutAKnownBatchCountShowsTheBatchNumber()
    {
        using var run = new RegressionRun();
        var output = new StringWriter();
        run.Loop(callbacks: [new ProgressReport(output, ProgressStyle.Bar)]).Fit(epoch => run.Data.Batches(16, 1, epoch).Where(_ => true), 1);
        Assert.That(output.ToString(), Does.Contain("\repoch    1/1 batch 1  loss "));
    }

    [Test]
    public void TrainerGivesWhatItsOwnLoopGave()
    {
        // The loop Trainer ran before it was built on TrainingLoop: shuffle from the caller's generator, then per batch
        // forward, loss, zero-grad, backward, step, with a dropout layer in the model.
        float[] Reference(out double[] losses)
        {
            using var c = Classifier.Create();
            var rng = new Rng(1);
            losses = new double[4];
            for (var epoch = 0; epoch < 4; epoch++)
            {
                c.Model.Train();
                var (total, seen) = (0.0, 0);
                foreach (var rows in MiniBatches.Epoch(c.X.Shape[0], 16, rng))
                {
                    using var scope = new TensorScope();
                    var value = Losses.CrossEntropy(c.Model.Forward(MiniBatches.Rows(c.X, rows)), MiniBatches.Rows(c.Y, rows));
                    c.Optimizer.ZeroGrad();
                    value.Backward();
                    c.Optimizer.Step();
                    total += value.Item() * rows.Length;
                    seen += rows.Length;
                }
                losses[epoch] = total / seen;
            }
            return c.Weights();
        }

        using var c = Classifier.Create();
        var history = new Trainer(c.Model, c.Optimizer, Losses.CrossEntropy).Fit(c.X, c.Y, c.X, c.Y, 4, 16, new Rng(1));
        var expected = Reference(out var losses);
        Assert.That(c.Weights(), Is.EqualTo(expected));
        Assert.That(history.Select(h => h.TrainLoss), Is.EqualTo(losses));
    }

    [Test]
    public void ScheduleStepsPerEpochOrPerStep()
    {
        using var run = new RegressionRun();
        var perStep = new Grimoire.Nn.Schedules.ExponentialLR(run.Optimizer, 0.5);
        run.Loop(schedule: perStep, interval: ScheduleInterval.Step).Fit(epoch => run.Data.Batches(16, 1, epoch), 2);
        Assert.That((perStep.Epoch, run.Optimizer.LearningRate), Is.EqualTo((4, 0.05 * 0.0625)));
        using var other = new RegressionRun();
        var perEpoch = new Grimoire.Nn.Schedules.ExponentialLR(other.Optimizer, 0.5);
        other.Loop(schedule: perEpoch).Fit(epoch => other.Data.Batches(16, 1, epoch), 2);
        Assert.That((perEpoch.Epoch, other.Optimizer.LearningRate), Is.EqualTo((2, 0.05 * 0.25)));
    }

    [Test]
    public void BadInputIsRefusedByType()
    {
        using var run = new RegressionRun();
        IEnumerable<(Tensor, Tensor)> Batches(int epoch) => run.Data.Batches(16, 1, epoch);
        Assert.That(() => run.Loop().Fit(Batches, 0), Throws.TypeOf<ArgumentOutOfRangeException>().With.Message.Contain("at least one epoch"));
        Assert.That(() => run.Loop().Fit(_ => [], 1), Throws.ArgumentException.With.Message.Contain("no batches for epoch 1"));
        Assert.That(() => run.Loop(loss: (m, b) => m.Forward(b.X)).Fit(Batches, 1), Throws.TypeOf<ShapeException>().With.Message.Contain("must be a scalar"));
        Assert.That(() => run.Loop(loss: (m, b) => m.Forward(b.X).Detach().Sum()).Fit(Batches, 1), Throws.TypeOf<AutogradException>().With.Message.Contain("does not depend"));
        Assert.That(() => run.Loop(weight: _ => 0).Fit(Batches, 1), Throws.ArgumentException.With.Message.Contain("batch weight must be a positive finite number"));
        var twice = new Metric<Module, (Tensor X, Tensor Y)>("m", (_, _) => 0);
        Assert.That(() => run.Loop(metrics: [twice, twice]).Fit(Batches, 1, Batches), Throws.ArgumentException.With.Message.Contain("two metrics are named 'm'"));
        Assert.That(() => run.Loop(callbacks: [new EarlyStop("missing", Goal.Minimize, 1)]).Fit(Batches, 1, Batches),
            Throws.TypeOf<KeyNotFoundException>().With.Message.Contain("no metric 'missing'").And.Message.Contain("'val mse'"));
        Assert.That(() => run.Loop().Fit(Batches, 1, _ => []), Throws.ArgumentException.With.Message.Contain("validation source gave no batches"));
        Assert.That(() => new PeriodicCheckpoint("x", 0, 0), Throws.ArgumentException.With.Message.Contain("interval above 0"));
        Assert.That(() => new PeriodicCheckpoint("x", -1), Throws.TypeOf<ArgumentOutOfRangeException>());
        Assert.That(() => new EarlyStop("m", Goal.Maximize, 0), Throws.TypeOf<ArgumentOutOfRangeException>().With.Message.Contain("patience"));
        Assert.That(() => run.Loop().Context.Stop(" "), Throws.ArgumentException);
    }

    private sealed class Recorder(string name, List<string> log) : TrainingCallback
    {
        public override void OnTrainBegin(TrainingContext context) => log.Add($"{name} begin");

        public override void OnEpochBegin(TrainingContext context) => log.Add($"{name} epoch {context.Epoch}");

        public override void OnBatchEnd(TrainingContext context) => log.Add($"{name} batch {context.Epoch}.{context.Batch}");

        public override void OnEpochEnd(TrainingContext context, EpochSummary summary) => log.Add($"{name} end {summary.Epoch}");

        public override void OnTrainEnd(TrainingContext context) => log.Add($"{name} done");
    }

    private sealed class StopAtStep(int step) : TrainingCallback
    {
        public override void OnBatchEnd(TrainingContext context)
        {
            if (context.Step == step) context.Stop($"step {step}");
        }
    }

    /// <summary>A seeded regression net, optimizer and 32 rows, identical on every construction.</summary>
    private sealed class RegressionRun : IDisposable
    {
        public RegressionData Data { get; } = RegressionData.Create(32, 4);

        public Module Model { get; } = new Sequential(new Linear(2, 4, Activation.Tanh, new Rng(1)), new Linear(4, 1, rng: new Rng(2)));

        public Optimizer Optimizer { get; }

        public RegressionRun() => Optimizer = new Sgd(Model.Parameters(), 0.05);

        public TrainingLoop<Module, (Tensor X, Tensor Y)> Loop(IReadOnlyList<TrainingCallback>? callbacks = null, Func<Module, (Tensor X, Tensor Y), Tensor>? loss = null,
            Func<(Tensor X, Tensor Y), double>? weight = null, IReadOnlyList<Metric<Module, (Tensor X, Tensor Y)>>? metrics = null,
            Grimoire.Nn.Schedules.LearningRateScheduler? schedule = null, ScheduleInterval interval = ScheduleInterval.Epoch) =>
            new(Model, Optimizer, loss ?? ((m, b) => Losses.Mse(m.Forward(b.X), b.Y)))
            {
                Scheduler = schedule,
                ScheduleEvery = interval,
                Callbacks = callbacks ?? [],
                BatchWeight = weight,
                Metrics = metrics ?? [new("val mse", (m, b) => Losses.Mse(m.Forward(b.X), b.Y).Item())],
            };

        public float[] Weights() => Model.Parameters().SelectMany(p => p.Value.ToArray<float>()).ToArray();

        public void Dispose()
        {
            Optimizer.Dispose();
            Model.Dispose();
            Data.Dispose();
        }
    }

    /// <summary>A two-class problem and a classifier with dropout drawing from the generator that also shuffles.</summary>
    private sealed record Classifier(Tensor X, Tensor Y, Module Model, Optimizer Optimizer) : IDisposable
    {
        public static Classifier Create()
        {
            var x = Tensor.RandN(new Shape(40, 2), rng: new Rng(5));
            var v = x.ToArray<float>();
            var y = Tensor.FromArray(Enumerable.Range(0, 40).Select(i => v[2 * i] * v[2 * i + 1] > 0 ? 1 : 0).ToArray());
            var model = new Sequential(new Linear(2, 8, Activation.Relu, new Rng(3)), new Dropout(0.2, new Rng(8)), new Linear(8, 2, rng: new Rng(4)));
            return new Classifier(x, y, model, new Adam(model.Parameters(), 0.05));
        }

        public float[] Weights() => Model.Parameters().SelectMany(p => p.Value.ToArray<float>()).ToArray();

        public void Dispose()
        {
            Optimizer.Dispose();
            Model.Dispose();
            X.Dispose();
            Y.Dispose();
        }
    }
}
