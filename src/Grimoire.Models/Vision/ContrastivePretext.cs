using Grimoire.Ml.Data;
using Grimoire.Models.Neural;
using Grimoire.Nn;
using Grimoire.Nn.Contrastive;
using Grimoire.Nn.Layers;
using Grimoire.Nn.Optimizers;
using Grimoire.Nn.Training;

namespace Grimoire.Models.Vision;

/// <summary>
/// Contrastive self-supervised learning (book §17.1, SimCLR-style): two random augmentations of each training image
/// (a shift of up to one pixel each way, zero-filled, plus Gaussian pixel noise) go through the encoder and a small
/// projection head, and NT-Xent teaches the pair to agree against the other images of the batch. No digit label is
/// used. The frozen encoder is then scored by the linear probe with 10 % of the labels, against the same encoder
/// untrained. "train_loss" is the last epoch's mean NT-Xent.
/// </summary>
public sealed class ContrastivePretext() : PretextNetwork(epochs: 15, batchSize: 128, learningRate: 2e-3)
{
    private const double Temperature = 0.5;
    private const double NoiseStd = 0.1;

    /// <inheritdoc/>
    public override string Name => "ssl-contrastive";

    /// <inheritdoc/>
    public override string Summary => "contrastive pretext (augmentation pairs, NT-Xent) on digits, then a linear probe with 10 % of the labels vs a random encoder (book §17)";

    /// <summary>Trains the encoder with a projection head on NT-Xent over pairs of augmented views.</summary>
    protected override (double Loss, IReadOnlyDictionary<string, double> Extra) Pretrain(Module encoder, DigitsData data, Device device, Rng rng, TextWriter? progress)
    {
        var random = new Random(Seed);
        using var projection = new Sequential(new Linear(SelfSupervised.Features, 64, Activation.Relu, rng), new Linear(64, 32, Activation.None, rng));
        projection.To(device);
        var model = new Sequential(encoder, projection); // not disposed: the encoder outlives the pretext
        using var optimizer = new Adam(model.Parameters(), LearningRate);
        var pixels = data.TrainX.ToArray<float>();
        var rows = data.TrainX.Shape[0];
        progress?.WriteLine($"{Name}: {rows} unlabelled training images, batch {BatchSize} pairs, NT-Xent temperature {Temperature}, Adam lr={LearningRate}, device {device}");
        var loss = double.NaN;
        for (var epoch = 1; epoch <= Epochs; epoch++)
        {
            model.Train();
            var (total, seen) = (0.0, 0);
            foreach (var batch in MiniBatches.Epoch(rows, BatchSize, rng))
            {
                if (batch.Length < 2) continue; // a pair needs at least one negative
                using var scope = new TensorScope();
                var a = Augment(pixels, batch, random).OnDevice(device);
                var b = Augment(pixels, batch, random).OnDevice(device);
                var value = NtXent.Loss(model.Forward(a), model.Forward(b), Temperature);
                optimizer.ZeroGrad();
                value.Backward();
                optimizer.Step();
                total += value.Item() * batch.Length;
                seen += batch.Length;
            }
            loss = total / seen;
            progress?.WriteLine(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"epoch {epoch,4}/{Epochs}  NT-Xent {loss:F4}"));
        }
        return (loss, new Dictionary<string, double>());
    }

    /// <summary>One random view of each image in <paramref name="batch"/>: shifted by −1…1 pixels in each direction
    /// (vacated pixels are 0) with Gaussian noise added. Plain C#: this is the input pipeline, not the model.</summary>
    internal static Tensor Augment(float[] pixels, int[] batch, Random random)
    {
        const int side = SelfSupervised.Side;
        var view = new float[batch.Length * side * side];
        for (var k = 0; k < batch.Length; k++)
        {
            var (dy, dx) = (random.Next(-1, 2), random.Next(-1, 2));
            for (var r = 0; r < side; r++)
            {
                for (var c = 0; c < side; c++)
                {
                    var (sr, sc) = (r - dy, c - dx);
                    var value = sr is >= 0 and < side && sc is >= 0 and < side ? pixels[batch[k] * side * side + sr * side + sc] : 0f;
                    var noise = random.NextGaussian();
                    view[(k * side + r) * side + c] = value + (float)(NoiseStd * noise);
                }
            }
        }
        return Tensor.FromArray(view, new Shape(batch.Length, side * side));
    }
}
