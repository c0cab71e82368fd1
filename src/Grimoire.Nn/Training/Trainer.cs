using Grimoire.Nn.Optimizers;

namespace Grimoire.Nn.Training;

/// <summary>The mini-batch training loop for a classifier: shuffle, forward, loss, backward, step,
/// one plain progress line per epoch. Every step runs in its own <see cref="TensorScope"/>, so memory stays flat.</summary>
public sealed class Trainer(Module model, Optimizer optimizer, Func<Tensor, Tensor, Tensor> loss)
{
    /// <summary>One epoch's summary: the mean training loss over its batches (weighted by batch size) and the
    /// accuracy on the validation rows, which are only watched, never used to pick anything.</summary>
    public sealed record EpochResult(int Epoch, double TrainLoss, double ValidationAccuracy);

    /// <summary>Trains for <paramref name="epochs"/> epochs and returns each epoch's summary; writes a progress line
    /// per epoch to <paramref name="progress"/> when given.</summary>
    public IReadOnlyList<EpochResult> Fit(Tensor x, Tensor y, Tensor validationX, Tensor validationLabels,
        int epochs, int batchSize, Rng rng, TextWriter? progress = null)
    {
        if (epochs < 1) throw new ArgumentOutOfRangeException(nameof(epochs), epochs, "training needs at least one epoch");
        if (y.Shape.Rank < 1 || y.Shape[0] != x.Shape[0])
            throw new ShapeException($"training needs one target per row: inputs {x.Shape}, targets {y.Shape}");
        var history = new List<EpochResult>(epochs);
        for (var epoch = 1; epoch <= epochs; epoch++)
        {
            model.Train();
            var total = 0.0;
            foreach (var batch in MiniBatches.Epoch(x.Shape[0], batchSize, rng)) total += Step(x, y, batch) * batch.Length;
            var result = new EpochResult(epoch, total / x.Shape[0], Metrics.Accuracy(model, validationX, validationLabels));
            history.Add(result);
            progress?.WriteLine(string.Create(System.Globalization.CultureInfo.InvariantCulture,
                $"epoch {epoch,4}/{epochs}  train loss {result.TrainLoss:F4}  val accuracy {result.ValidationAccuracy:F4}"));
        }
        return history;
    }

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
