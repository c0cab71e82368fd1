using Grimoire.Autograd;
using Grimoire.Models.Neural;
using Grimoire.Nn;
using Grimoire.Nn.Layers;
using Grimoire.Nn.Optimizers;
using Grimoire.Nn.Training;

namespace Grimoire.Models.Vision;

/// <summary>What the self-supervised models of book §17 share: the convolutional encoder they pretrain, and the
/// linear probe, on 10 % of the training labels, that scores it against its untrained baseline.</summary>
public static class SelfSupervised
{
    /// <summary>Height and width of the digit images the encoder takes, as 64 flat pixels per row.</summary>
    public const int Side = 8;

    /// <summary>Width of the encoder's output.</summary>
    public const int Features = 32 * 2 * 2;

    private const int LabelledEvery = 10;
    private const int ProbeEpochs = 150;

    /// <summary>conv3x3(1→16)-ReLU-maxpool2-conv3x3(16→32)-ReLU-maxpool2-flatten: 8x8 pixels to 128 features. The
    /// weights depend only on <paramref name="seed"/>, so an encoder built twice with one seed gives the pretrained
    /// model and its untrained baseline, identical before the pretext task.</summary>
    public static Sequential Encoder(int seed)
    {
        var rng = new Rng((ulong)seed + 1);
        return new(
            new Unflatten(1, Side, Side),
            new Conv2d(1, 16, 3, padding: 1, rng: rng), new ReLU(), Pool2d.Max(2),
            new Conv2d(16, 32, 3, padding: 1, rng: rng), new ReLU(), Pool2d.Max(2),
            new Flatten());
    }

    /// <summary>The network that predicts a digit after pretraining: the encoder, then a linear probe (made from
    /// <paramref name="rng"/>) on its features. Owns the encoder.</summary>
    public static Sequential Classifier(Module encoder, Rng rng) => new(encoder, Probe(rng));

    /// <summary>The probe of the pretrained encoder (the caller's to dispose) with its accuracy, and the accuracy of the
    /// same probe on the untrained baseline, each trained on the same 10 % of the labels (every tenth training row); one
    /// progress line with both.</summary>
    public static (Linear Probe, double Pretrained, double Untrained) CompareProbes(Module pretrained, Module untrained, DigitsData data, int seed, Device device, TextWriter? progress)
    {
        var labelled = Enumerable.Range(0, data.TrainX.Shape[0]).Where(i => i % LabelledEvery == 0).ToArray();
        var (probe, accuracy) = TrainProbe(pretrained, data, labelled, seed, device);
        try
        {
            var (baselineProbe, baseline) = TrainProbe(untrained, data, labelled, seed, device);
            baselineProbe.Dispose();
            progress?.WriteLine($"linear probe on {labelled.Length} labelled rows: pretrained encoder {accuracy:F4}, random encoder {baseline:F4}");
            return (probe, accuracy, baseline);
        }
        catch
        {
            probe.Dispose();
            throw;
        }
    }

    private static Linear Probe(Rng rng) => new(Features, 10, Activation.None, rng);

    /// <summary>A dense layer trained on the frozen encoder's features of the labelled rows, and its test accuracy.</summary>
    private static (Linear Probe, double Accuracy) TrainProbe(Module encoder, DigitsData data, int[] labelled, int seed, Device device)
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
            var probe = Probe(rng);
            try
            {
                probe.To(device);
                using var optimizer = new Adam(probe.Parameters(), 1e-2);
                new Trainer(probe, optimizer, Losses.CrossEntropy).Fit(trainFeatures, labels, testFeatures, data.TestY, ProbeEpochs, 32, rng);
                return (probe, Metrics.Accuracy(probe, testFeatures, data.TestY));
            }
            catch
            {
                probe.Dispose();
                throw;
            }
        }
    }
}
