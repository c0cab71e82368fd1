using Grimoire.Autograd;
using Grimoire.Nn;
using Grimoire.Nn.Layers;
using Grimoire.Nn.Optimizers;
using Grimoire.Nn.Training;

namespace Grimoire.Cli.Training;

/// <summary>What the self-supervised models of book §17 share: the convolutional encoder they pretrain, the 10 % of
/// training rows whose labels the probe may use, and the linear probe that scores a frozen encoder.</summary>
internal static class SelfSupervised
{
    public const int Side = 8;

    /// <summary>Width of the encoder's output.</summary>
    public const int Features = 32 * 2 * 2;

    private const int LabelledEvery = 10;
    private const int ProbeEpochs = 150;

    /// <summary>conv3x3(1→16)-ReLU-maxpool2-conv3x3(16→32)-ReLU-maxpool2-flatten: 8x8 pixels to 128 features.</summary>
    public static Sequential Encoder(Rng rng) => new(
        new Unflatten(1, Side, Side),
        new Conv2d(1, 16, 3, padding: 1, rng: rng), new ReLU(), Pool2d.Max(2),
        new Conv2d(16, 32, 3, padding: 1, rng: rng), new ReLU(), Pool2d.Max(2),
        new Flatten());

    /// <summary>Every tenth training row: the 10 % whose labels the probe sees.</summary>
    public static int[] LabelledRows(DigitsData data) =>
        Enumerable.Range(0, data.TrainX.Shape[0]).Where(i => i % LabelledEvery == 0).ToArray();

    /// <summary>Test accuracy of a dense layer trained on the frozen encoder's features of the labelled rows.</summary>
    public static double ProbeAccuracy(Module encoder, DigitsData data, int[] labelled, int seed, Device device)
    {
        Tensor trainFeatures, testFeatures, labels;
        encoder.Eval();
        using (GradMode.NoGrad())
        {
            using var rows = MiniBatches.Rows(data.TrainX, labelled);
            trainFeatures = encoder.Forward(rows);
            testFeatures = encoder.Forward(data.TestX);
            labels = MiniBatches.Rows(data.TrainY, labelled);
        }
        using (trainFeatures)
        using (testFeatures)
        using (labels)
        {
            var rng = new Rng((ulong)seed + 2);
            using var probe = new Linear(Features, 10, Activation.None, rng);
            probe.To(device);
            using var optimizer = new Adam(probe.Parameters(), 1e-2);
            new Trainer(probe, optimizer, Losses.CrossEntropy).Fit(trainFeatures, labels, testFeatures, data.TestY, ProbeEpochs, 32, rng);
            return Metrics.Accuracy(probe, testFeatures, data.TestY);
        }
    }
}
