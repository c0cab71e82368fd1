using Grimoire.Nn.Training;

namespace Grimoire.Tests.Nn;

/// <summary>Mean IoU and pixel accuracy on hand-worked labellings. Classes absent from both prediction and truth are
/// left out of the mean (their IoU is 0/0), as PASCAL VOC and Cityscapes define it.</summary>
[TestFixture]
public sealed class SegmentationMetricsTests
{
    [Test]
    public void APerfectLabellingScoresOne()
    {
        int[] truth = [0, 0, 1, 2, 2, 3];
        Assert.That(SegmentationMetrics.MeanIoU(truth, truth, 4), Is.EqualTo(1));
        Assert.That(SegmentationMetrics.PixelAccuracy(truth, truth), Is.EqualTo(1));
    }

    [Test]
    public void DisjointLabellingsScoreZero()
    {
        int[] truth = [0, 0, 1, 1];
        int[] predicted = [1, 1, 0, 0];
        Assert.That(SegmentationMetrics.MeanIoU(predicted, truth, 2), Is.Zero);
        Assert.That(SegmentationMetrics.PixelAccuracy(predicted, truth), Is.Zero);
    }

    /// <summary>Class 0: ∩ 2, ∪ 3 (one pixel of 1 predicted 0) → 2/3; class 1: ∩ 1, ∪ 2 → 1/2; class 2: ∩ 1, ∪ 1 → 1;
    /// class 3 appears nowhere and is skipped, so the mean is (2/3 + 1/2 + 1) / 3 rather than over 4.</summary>
    [Test]
    public void PartialOverlapAveragesOnlyClassesThatAppear()
    {
        int[] truth = [0, 0, 1, 1, 2];
        int[] predicted = [0, 0, 0, 1, 2];
        Assert.That(SegmentationMetrics.MeanIoU(predicted, truth, 4), Is.EqualTo((2.0 / 3 + 0.5 + 1) / 3).Within(1e-12));
        Assert.That(SegmentationMetrics.PixelAccuracy(predicted, truth), Is.EqualTo(0.8));
    }

    /// <summary>A class predicted but absent from the truth is present in the union, so it counts with IoU 0.</summary>
    [Test]
    public void AFalselyPredictedClassCountsAsZero()
    {
        int[] truth = [0, 0, 0, 0];
        int[] predicted = [0, 0, 0, 3];
        Assert.That(SegmentationMetrics.MeanIoU(predicted, truth, 4), Is.EqualTo((0.75 + 0) / 2));
    }

    [Test]
    public void BadInputsAreRejected()
    {
        Assert.Throws<ArgumentException>(() => SegmentationMetrics.MeanIoU([0, 1], [0], 2));
        Assert.Throws<ArgumentException>(() => SegmentationMetrics.MeanIoU([], [], 2));
        Assert.Throws<ArgumentException>(() => SegmentationMetrics.PixelAccuracy([], []));
        Assert.Throws<ArgumentOutOfRangeException>(() => SegmentationMetrics.MeanIoU([0, 2], [0, 1], 2));
        Assert.Throws<ArgumentOutOfRangeException>(() => SegmentationMetrics.MeanIoU([0], [0], 0));
    }
}
