using Grimoire.Autograd;
using Grimoire.Models.Networks;
using Grimoire.Nn;
using Grimoire.Nn.Layers;
using Grimoire.Nn.Optimizers;
using Grimoire.Nn.Training;

namespace Grimoire.Models.Vision.Segmentation;

/// <summary>`grimoire train segmentation` (book §18, semantic segmentation): a fully convolutional network labels
/// every pixel of generated scenes as background, circle, square or triangle. Four conv3x3 (padding 1) layers keep the
/// 32x32 resolution — no pooling, so no upsampling is needed — and see a 9x9 window per pixel; a 1x1 conv maps the
/// features to one logit per class. Trained by mini-batch Adam on the per-pixel softmax cross-entropy, float32, and
/// scored by mean IoU over the classes on scenes generated from a different stream than the training ones.</summary>
public sealed class SceneSegmenter() : NetworkTrainer(epochs: 12, batchSize: 16, learningRate: 2e-3)
{
    private const int Size = 32;
    private const int TrainScenes = 400;
    private const int TestScenes = 100;
    private const int Width = 16;

    /// <inheritdoc/>
    public override string Name => "segmentation";

    /// <inheritdoc/>
    public override string BookSection => "§18";

    /// <inheritdoc/>
    public override string Family => "vision";

    /// <inheritdoc/>
    public override string Task => "segmentation";

    /// <inheritdoc/>
    public override string Summary => "FCN conv3x3(3→16)-ReLU x4 then conv1x1(16→4) labelling every pixel of generated 32x32 scenes (book §18)";

    /// <inheritdoc/>
    public override string Metric => "mean_iou";

    /// <inheritdoc/>
    public override string TrainingData => $"{TrainScenes} generated 32x32 scenes (seeded)";

    /// <summary>The 3·32·32 pixel values of a scene, channel by channel (x0 … x3071), as <see cref="Scenes.Pixels"/> holds
    /// them; it predicts one class per pixel (0 background, 1 circle, 2 square, 3 triangle).</summary>
    public override NetworkInput Input { get; } = NetworkInput.Numbered([3, Size, Size]);

    /// <inheritdoc/>
    protected override TrainedNetwork Run(Device device, TextWriter? progress)
    {
        var train = SceneGenerator.Generate(TrainScenes, Size, new Rng((ulong)Seed));
        var test = SceneGenerator.Generate(TestScenes, Size, new Rng((ulong)Seed + 0x5E6));
        using var trainX = train.PixelTensor().OnDevice(device);
        using var trainY = train.LabelTensor().OnDevice(device);
        using var testX = test.PixelTensor().OnDevice(device);
        var rng = new Rng((ulong)Seed);
        return Owning(Build(rng), model =>
        {
            model.To(device);
            using var optimizer = new Adam(model.Parameters(), LearningRate);
            progress?.WriteLine($"{Name}: {TrainScenes} training and {TestScenes} test scenes of {Size}x{Size}; {Summary} ({model.ParameterCount} parameters), Adam lr={LearningRate}, batch {BatchSize}, device {device}");
            var loss = 0.0;
            for (var epoch = 1; epoch <= Epochs; epoch++)
            {
                loss = Epoch(model, optimizer, trainX, trainY, BatchSize, rng);
                if (progress is null) continue;
                var (iou, _) = Score(model, testX, test.Labels);
                progress.WriteLine(string.Create(System.Globalization.CultureInfo.InvariantCulture,
                    $"epoch {epoch,4}/{Epochs}  train loss {loss:F4}  test mean IoU {iou:F4}"));
            }
            var (meanIoU, pixelAccuracy) = Score(model, testX, test.Labels);
            return new TrainedNetwork(model, loss, meanIoU) { Extra = new Dictionary<string, double> { ["pixel_accuracy"] = pixelAccuracy } };
        });
    }

    /// <inheritdoc/>
    protected internal override Module Build(Rng rng) => new Sequential(
        new Conv2d(3, Width, 3, padding: 1, rng: rng), new ReLU(),
        new Conv2d(Width, Width, 3, padding: 1, rng: rng), new ReLU(),
        new Conv2d(Width, Width, 3, padding: 1, rng: rng), new ReLU(),
        new Conv2d(Width, Width, 3, padding: 1, rng: rng), new ReLU(),
        new Conv2d(Width, Scenes.Classes, 1, rng: rng));

    /// <summary>One pass over the training scenes in a fresh seeded order; returns the mean per-pixel loss.</summary>
    private static double Epoch(Module model, Optimizer optimizer, Tensor x, Tensor y, int batchSize, Rng rng)
    {
        model.Train();
        var total = 0.0;
        foreach (var batch in MiniBatches.Epoch(x.Shape[0], batchSize, rng))
        {
            using var scope = new TensorScope();
            var value = PixelLosses.CrossEntropy(model.Forward(MiniBatches.Rows(x, batch)), MiniBatches.Rows(y, batch));
            optimizer.ZeroGrad();
            value.Backward();
            optimizer.Step();
            total += value.Item() * batch.Length;
        }
        return total / x.Shape[0];
    }

    /// <summary>Mean IoU and pixel accuracy of the arg-max class per pixel, in evaluation mode without recording.</summary>
    private static (double MeanIoU, double PixelAccuracy) Score(Module model, Tensor x, int[] labels)
    {
        model.Eval();
        using var noGrad = GradMode.NoGrad();
        using var scope = new TensorScope();
        var predicted = model.Forward(x).ArgMax(1).ToArray<int>();
        return (SegmentationMetrics.MeanIoU(predicted, labels, Scenes.Classes), SegmentationMetrics.PixelAccuracy(predicted, labels));
    }
}
