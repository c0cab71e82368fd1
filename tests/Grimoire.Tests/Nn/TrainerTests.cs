using Grimoire.Nn;
using Grimoire.Nn.Layers;
using Grimoire.Nn.Optimizers;
using Grimoire.Nn.Schedules;
using Grimoire.Nn.Training;

namespace Grimoire.Tests.Nn;

/// <summary>Trainer's optional parts on a separable two-class problem. The validation rows are the training rows with
/// the labels swapped, so the better the model learns, the worse its validation loss gets: the best epoch is the
/// first one, which makes early stopping's epoch count and restored parameters predictable.</summary>
[TestFixture]
public sealed class TrainerTests
{
    private const int Rows = 64;

    [Test]
    public void EarlyStoppingStopsAfterPatienceEpochsAndRestoresTheBestEpoch()
    {
        using var run = new Run();
        var history = run.Trainer(early: new EarlyStopping(2, StopMonitor.ValidationLoss)).Fit(run.X, run.Y, run.X, run.Swapped, 20, 16, new Rng(1), run.Output);
        Assert.That(history, Has.Count.EqualTo(3), run.Output.ToString());
        Assert.That(history[1].ValidationLoss, Is.GreaterThan(history[0].ValidationLoss!.Value));
        Assert.That(run.Output.ToString(), Does.Contain("early stop after epoch 3: best val loss").And.Contain("at epoch 1"));
        Assert.That(run.Weights(), Is.EqualTo(Reference(epochs: 1)));
    }

    [Test]
    public void WithoutRestoringTheModelIsTheLastEpochs()
    {
        using var run = new Run();
        var history = run.Trainer(early: new EarlyStopping(2, StopMonitor.ValidationLoss, restoreBest: false)).Fit(run.X, run.Y, run.X, run.Swapped, 20, 16, new Rng(1));
        Assert.That(history, Has.Count.EqualTo(3));
        Assert.That(run.Weights(), Is.EqualTo(Reference(epochs: 3)));
    }

    [Test]
    public void AccuracyThatStopsImprovingEndsTraining()
    {
        using var run = new Run();
        // On the swapped labels accuracy can only fall as the model learns the true ones, so it never beats epoch 1.
        var history = run.Trainer(early: new EarlyStopping(3)).Fit(run.X, run.Y, run.X, run.Swapped, 30, 16, new Rng(1));
        Assert.That(history.Count, Is.LessThan(30));
        Assert.That(history.Skip(1).Max(r => r.ValidationAccuracy), Is.LessThanOrEqualTo(history[0].ValidationAccuracy));
    }

    [Test]
    public void PlainRunKeepsItsLinesAndRunsEveryEpoch()
    {
        using var run = new Run();
        var history = run.Trainer().Fit(run.X, run.Y, run.X, run.Y, 3, 16, new Rng(1), run.Output);
        var lines = run.Output.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries);
        Assert.That(history, Has.Count.EqualTo(3));
        Assert.That(history.All(r => r.ValidationLoss is null));
        Assert.That(lines, Has.Length.EqualTo(3));
        Assert.That(lines, Has.All.Match(@"^epoch +\d/3  train loss \d\.\d{4}  val accuracy \d\.\d{4}$"));
        Assert.That(run.Output.ToString(), Does.Not.Contain("\r"));
    }

    [Test]
    public void BarRedrawsInPlaceAndEndsEachEpochWithThePlainLine()
    {
        using var run = new Run();
        run.Trainer(progress: ProgressStyle.Bar).Fit(run.X, run.Y, run.X, run.Y, 2, 16, new Rng(1), run.Output);
        var text = run.Output.ToString();
        Assert.That(text, Does.Contain("\repoch    1/2 [##############################] 4/4  loss "));
        Assert.That(text, Does.Match(@"\repoch    2/2  train loss \d\.\d{4}  val accuracy \d\.\d{4} *" + Environment.NewLine.Replace("\r", "\\r").Replace("\n", "\\n") + "$"));
    }

    [Test]
    public void SchedulerIsSteppedOncePerEpoch()
    {
        using var run = new Run();
        var trainer = run.Trainer(schedule: o => new ExponentialLR(o, 0.5));
        trainer.Fit(run.X, run.Y, run.X, run.Y, 3, 16, new Rng(1));
        Assert.That(run.Optimizer.LearningRate, Is.EqualTo(0.5 * 0.125).Within(1e-15));
    }

    [Test]
    public void BadEarlyStoppingSettingsAreRefused()
    {
        Assert.That(() => new EarlyStopping(0), Throws.TypeOf<ArgumentOutOfRangeException>().With.Message.Contain("patience"));
        Assert.That(() => new EarlyStopping(1, minDelta: -1), Throws.TypeOf<ArgumentOutOfRangeException>().With.Message.Contain("min delta"));
    }

    /// <summary>The weights after a plain run of <paramref name="epochs"/> epochs from the same start and seed.</summary>
    private static float[] Reference(int epochs)
    {
        using var run = new Run();
        run.Trainer().Fit(run.X, run.Y, run.X, run.Swapped, epochs, 16, new Rng(1));
        return run.Weights();
    }

    /// <summary>A seeded model, optimizer and data set, identical on every construction.</summary>
    private sealed class Run : IDisposable
    {
        public Run()
        {
            var data = Tensor.RandN(new Shape(Rows, 2), rng: new Rng(5)).ToArray<float>();
            var labels = Enumerable.Range(0, Rows).Select(i => data[2 * i] + data[2 * i + 1] > 0 ? 1 : 0).ToArray();
            X = Tensor.FromArray(data, new Shape(Rows, 2));
            Y = Tensor.FromArray(labels);
            Swapped = Tensor.FromArray(labels.Select(l => 1 - l).ToArray());
            Model = new Sequential(new Linear(2, 2, rng: new Rng(3)));
            Optimizer = new Sgd(Model.Parameters(), 0.5);
        }

        public Tensor X { get; }

        public Tensor Y { get; }

        public Tensor Swapped { get; }

        public Module Model { get; }

        public Optimizer Optimizer { get; }

        public StringWriter Output { get; } = new();

        public Trainer Trainer(EarlyStopping? early = null, ProgressStyle progress = ProgressStyle.Auto, Func<Optimizer, LearningRateScheduler>? schedule = null) =>
            new(Model, Optimizer, Losses.CrossEntropy) { EarlyStopping = early, Progress = progress, Scheduler = schedule?.Invoke(Optimizer) };

        public float[] Weights() => Model.Parameters().SelectMany(p => p.Value.ToArray<float>()).ToArray();

        public void Dispose()
        {
            Optimizer.Dispose();
            Model.Dispose();
            foreach (var t in new[] { X, Y, Swapped }) t.Dispose();
        }
    }
}
