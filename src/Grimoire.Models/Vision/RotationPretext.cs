using Grimoire.Models.Neural;
using Grimoire.Nn;
using Grimoire.Nn.Layers;
using Grimoire.Nn.Optimizers;
using Grimoire.Nn.Training;

namespace Grimoire.Models.Vision;

/// <summary>
/// Self-supervised learning by rotation prediction (book §17.1): a convolutional encoder is trained, without any
/// digit label, to tell which of four rotations (0°, 90°, 180°, 270°) was applied to each 8x8 training image. The
/// encoder is then frozen and a linear probe (one dense layer on its 128 features) is trained on 10 % of the
/// training labels and scored on the held-out rows. The same probe on an untrained encoder with the same seed is
/// the baseline: the difference is what the pretext task taught. "pretext_accuracy" is the rotation accuracy on the
/// training images themselves (the pretext has no held-out set).
/// </summary>
public sealed class RotationPretext() : PretextNetwork(epochs: 10, batchSize: 64, learningRate: 2e-3)
{
    private const int Side = SelfSupervised.Side;

    /// <inheritdoc/>
    public override string Name => "ssl-rotation";

    /// <inheritdoc/>
    public override string Summary => "rotation-prediction pretext on digits, then a linear probe with 10 % of the labels vs a random encoder (book §17)";

    /// <summary>Trains the encoder with a 4-way rotation head; "pretext_accuracy" is the rotation accuracy on the training
    /// images themselves.</summary>
    protected override (double Loss, IReadOnlyDictionary<string, double> Extra) Pretrain(Module encoder, DigitsData data, Device device, Rng rng, TextWriter? progress)
    {
        var (images, rotationLabels) = Rotations(data.TrainX, device);
        using var rotated = images;
        using var rotationTargets = rotationLabels;
        using var head = new Linear(SelfSupervised.Features, 4, Activation.None, rng);
        head.To(device);
        var model = new Sequential(encoder, head); // not disposed: the encoder outlives the pretext
        using var optimizer = new Adam(model.Parameters(), LearningRate);
        progress?.WriteLine($"{Name}: pretext on {rotated.Shape[0]} rotated training images ({encoder.ParameterCount} encoder parameters), Adam lr={LearningRate}, batch {BatchSize}, device {device}");
        var history = new Trainer(model, optimizer, Losses.CrossEntropy)
            .Fit(rotated, rotationTargets, rotated, rotationTargets, Epochs, BatchSize, rng, progress);
        return (history[^1].TrainLoss, new Dictionary<string, double> { ["pretext_accuracy"] = history[^1].ValidationAccuracy });
    }

    /// <summary>Every image in its four rotations (a pixel gather per rotation), labelled 0–3 by rotation.</summary>
    private static (Tensor Images, Tensor Labels) Rotations(Tensor pixels, Device device)
    {
        var n = pixels.Shape[0];
        using var scope = new TensorScope();
        var copies = new List<Tensor>();
        for (var quarter = 0; quarter < 4; quarter++)
        {
            var map = Enumerable.Range(0, Side * Side).Select(p => Rotate(p, quarter)).ToArray();
            copies.Add(pixels.Gather(1, Tensor.FromArray(map, device: device)));
        }
        var labels = Enumerable.Range(0, 4).SelectMany(q => Enumerable.Repeat(q, n)).ToArray();
        return (scope.Keep(Tensor.Concat(copies, 0)), scope.Keep(Tensor.FromArray(labels, device: device)));
    }

    /// <summary>The source pixel of pixel <paramref name="p"/> after <paramref name="quarter"/> quarter turns clockwise.</summary>
    internal static int Rotate(int p, int quarter)
    {
        var (r, c) = (p / Side, p % Side);
        for (var q = 0; q < quarter; q++) (r, c) = (Side - 1 - c, r);
        return r * Side + c;
    }
}
