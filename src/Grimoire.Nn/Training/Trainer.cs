using Grimoire.Nn.Optimizers;
using Grimoire.Nn.Schedules;

namespace Grimoire.Nn.Training;

/// <summary>The mini-batch training loop for a classifier: shuffle, forward, loss, backward, step, one plain progress
/// line per epoch. Every step runs in its own <see cref="TensorScope"/>, so memory stays flat. Optional parts, off
/// unless set: a learning-rate <see cref="Scheduler"/> stepped after each epoch, <see cref="EarlyStopping"/> on the
/// validation rows, and a progress bar (<see cref="Progress"/>).</summary>
public sealed class Trainer(Module model, Optimizer optimizer, Func<Tensor, Tensor, Tensor> loss)
{
    /// <summary>One epoch's summary: the mean training loss over its batches (weighted by batch size), the accuracy on
    /// the validation rows and, when early stopping monitors it, the loss on them. Without early stopping the
    /// validation rows are only watched, never used to pick anything.</summary>
    public sealed record EpochResult(int Epoch, double TrainLoss, double ValidationAccuracy, double? ValidationLoss = null);

    /// <summary>Stepped once after every epoch.</summary>
    public LearningRateScheduler? Scheduler { get; init; }

    /// <summary>Stops training when the validation rows stop improving; see <see cref="Training.EarlyStopping"/>.</summary>
    public EarlyStopping? EarlyStopping { get; init; }

    public ProgressStyle Progress { get; init; } = ProgressStyle.Auto;

    /// <summary>Trains for at most <paramref name="epochs"/> epochs (fewer when early stopping ends the run) and returns
    /// each epoch's summary; writes progress to <paramref name="progress"/> when given.</summary>
    public IReadOnlyList<EpochResult> Fit(Tensor x, Tensor y, Tensor validationX, Tensor validationLabels,
        int epochs, int batchSize, Rng rng, TextWriter? progress = null)
    {
        if (epochs < 1) throw new ArgumentOutOfRangeException(nameof(epochs), epochs, "training needs at least one epoch");
        if (y.Shape.Rank < 1 || y.Shape[0] != x.Shape[0])
            throw new ShapeException($"training needs one target per row: inputs {x.Shape}, targets {y.Shape}");
        var report = progress is null ? null : TrainingProgress.For(progress, Progress);
        using var tracker = EarlyStopping is null ? null : new BestEpochTracker(EarlyStopping, model);
        var history = new List<EpochResult>(epochs);
        for (var epoch = 1; epoch <= epochs; epoch++)
        {
            var result = RunEpoch(x, y, validationX, validationLabels, epoch, epochs, batchSize, rng, report);
            history.Add(result);
            report?.Line(Describe(result, epochs));
            Scheduler?.Step();
            if (tracker is null || !tracker.Observe(result)) continue;
            report?.Line(string.Create(System.Globalization.CultureInfo.InvariantCulture,
                $"early stop after epoch {epoch}: best {EarlyStopping!.Monitor} {tracker.Best:F4} at epoch {tracker.BestEpoch}"));
            break;
        }
        if (EarlyStopping is { RestoreBest: true }) tracker!.RestoreBest();
        return history;
    }

    private EpochResult RunEpoch(Tensor x, Tensor y, Tensor validationX, Tensor validationLabels, int epoch, int epochs, int batchSize, Rng rng,
        TrainingProgress? report)
    {
        model.Train();
        var batches = MiniBatches.Epoch(x.Shape[0], batchSize, rng);
        var (total, seen) = (0.0, 0);
        for (var i = 0; i < batches.Count; i++)
        {
            total += Step(x, y, batches[i]) * batches[i].Length;
            seen += batches[i].Length;
            report?.Batch(epoch, epochs, i + 1, batches.Count, total / seen);
        }
        var validationLoss = EarlyStopping?.Monitor == StopMonitor.ValidationLoss ? Metrics.Loss(model, validationX, validationLabels, loss) : (double?)null;
        return new EpochResult(epoch, total / seen, Metrics.Accuracy(model, validationX, validationLabels), validationLoss);
    }

    private static string Describe(EpochResult r, int epochs) => string.Create(System.Globalization.CultureInfo.InvariantCulture,
        $"epoch {r.Epoch,4}/{epochs}  train loss {r.TrainLoss:F4}  val accuracy {r.ValidationAccuracy:F4}{(r.ValidationLoss is { } l ? $"  val loss {l:F4}" : "")}");

    /// <summary>One optimisation step on the rows <paramref name="batch"/>; returns the batch loss.</summary>
    private double Step(Tensor x, Tensor y, int[] batch)
    {
        using var scope = new TensorScope();
        var value = loss(model.Forward(MiniBatches.Rows(x, batch)), MiniBatches.Rows(y, batch));
        optimizer.ZeroGrad();
        value.Backward();
        optimizer.Step();
        return value.Item();
    }
}
