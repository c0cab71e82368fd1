using Grimoire.Nn.Optimizers;
using Grimoire.Nn.Schedules;

namespace Grimoire.Nn.Training;

/// <summary>The mini-batch training loop for a classifier on tensors: <see cref="TrainingLoop{TModel, TBatch}"/> with
/// shuffled row batches (<see cref="MiniBatches"/>), the loss of the model's output against the targets, the
/// accuracy on validation rows it only watches, and one plain progress line per epoch. Optional parts, off unless set:
/// a learning-rate <see cref="Scheduler"/> stepped after each epoch, <see cref="EarlyStopping"/> on the validation
/// rows, and a progress bar (<see cref="Progress"/>).</summary>
public sealed class Trainer(Module model, Optimizer optimizer, Func<Tensor, Tensor, Tensor> loss)
{
    internal const string AccuracyMetric = "val accuracy";
    internal const string LossMetric = "val loss";

    /// <summary>One epoch's summary: the mean training loss over its batches (weighted by batch size), the accuracy on
    /// the validation rows and, when early stopping monitors it, the loss on them. Without early stopping the
    /// validation rows are only watched, never used to pick anything.</summary>
    public sealed record EpochResult(int Epoch, double TrainLoss, double ValidationAccuracy, double? ValidationLoss = null);

    /// <summary>Stepped once after every epoch.</summary>
    public LearningRateScheduler? Scheduler { get; init; }

    /// <summary>Stops training when the validation rows stop improving; see <see cref="Training.EarlyStopping"/>.</summary>
    public EarlyStopping? EarlyStopping { get; init; }

    /// <summary>How progress is drawn when <c>Fit</c> is given a writer: a bar on a terminal by default, else plain lines.</summary>
    public ProgressStyle Progress { get; init; } = ProgressStyle.Auto;

    /// <summary>Trains for at most <paramref name="epochs"/> epochs (fewer when early stopping ends the run) and returns
    /// each epoch's summary; writes progress to <paramref name="progress"/> when given.</summary>
    public IReadOnlyList<EpochResult> Fit(Tensor x, Tensor y, Tensor validationX, Tensor validationLabels,
        int epochs, int batchSize, Rng rng, TextWriter? progress = null)
    {
        if (y.Shape.Rank < 1 || y.Shape[0] != x.Shape[0])
            throw new ShapeException($"training needs one target per row: inputs {x.Shape}, targets {y.Shape}");
        List<Metric<Module, (Tensor X, Tensor Y)>> metrics = [new(AccuracyMetric, (m, b) => Training.Metrics.Accuracy(m, b.X, b.Y))];
        if (EarlyStopping?.Monitor == StopMonitor.ValidationLoss) metrics.Add(new(LossMetric, (m, b) => Training.Metrics.Loss(m, b.X, b.Y, loss)));
        var early = EarlyStopping?.ToCallback();
        using (early)
        {
            var loop = new TrainingLoop<Module, (Tensor X, Tensor Y)>(model, optimizer, (m, b) => loss(m.Forward(b.X), b.Y))
            {
                Scheduler = Scheduler,
                Metrics = metrics,
                Callbacks = [.. new TrainingCallback?[] { progress is null ? null : new ProgressReport(progress, Progress), early }.OfType<TrainingCallback>()],
                BatchWeight = b => b.X.Shape[0],
            };
            var history = loop.Fit(
                _ => MiniBatches.Epoch(x.Shape[0], batchSize, rng).Select(rows => (MiniBatches.Rows(x, rows), MiniBatches.Rows(y, rows))),
                epochs, _ => [(validationX, validationLabels)]);
            return history.Select(s => new EpochResult(s.Epoch, s.TrainLoss, s[AccuracyMetric], s.TryGet(LossMetric, out var l) ? l : null)).ToList();
        }
    }
}
