using Grimoire.Autograd;
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
public sealed class SceneSegmenter : ITrainable
{
    private const int Size = 32;
    private const int TrainScenes = 400;
    private const int TestScenes = 100;
    private const int Width = 16;

    public string Name => "segmentation";

    public string Summary => "FCN conv3x3(3→16)-ReLU x4 then conv1x1(16→4) labelling every pixel of generated 32x32 scenes (book §18)";

    public TrainOptions Defaults { get; } = new(Epochs: 12, BatchSize: 16, LearningRate: 2e-3);

    public TrainResult Run(TrainOptions options, TextWriter? progress)
    {
        options.Validate();
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var train = SceneGenerator.Generate(TrainScenes, Size, new Rng((ulong)options.Seed));
        var test = SceneGenerator.Generate(TestScenes, Size, new Rng((ulong)options.Seed + 0x5E6));
        var device = new Device(options.Device);
        using var trainX = train.PixelTensor().OnDevice(device);
        using var trainY = train.LabelTensor().OnDevice(device);
        using var testX = test.PixelTensor().OnDevice(device);
        var rng = new Rng((ulong)options.Seed);
        using var model = Build(rng);
        model.To(device);
        using var optimizer = new Adam(model.Parameters(), options.LearningRate);
        progress?.WriteLine($"{Name}: {TrainScenes} training and {TestScenes} test scenes of {Size}x{Size}; {Summary} ({model.ParameterCount} parameters), Adam lr={options.LearningRate}, batch {options.BatchSize}, device {device}");
        var loss = 0.0;
        for (var epoch = 1; epoch <= options.Epochs; epoch++)
        {
            loss = Epoch(model, optimizer, trainX, trainY, options.BatchSize, rng);
            if (progress is null) continue;
            var (iou, _) = Score(model, testX, test.Labels);
            progress.WriteLine(string.Create(System.Globalization.CultureInfo.InvariantCulture,
                $"epoch {epoch,4}/{options.Epochs}  train loss {loss:F4}  test mean IoU {iou:F4}"));
        }
        var (meanIoU, pixelAccuracy) = Score(model, testX, test.Labels);
        return new TrainResult(Name, options.Epochs, loss, "mean_iou", meanIoU, clock.Elapsed.TotalSeconds, model.ParameterCount)
        {
            Extra = new Dictionary<string, double> { ["pixel_accuracy"] = pixelAccuracy },
        };
    }

    private static Sequential Build(Rng rng) => new(
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
