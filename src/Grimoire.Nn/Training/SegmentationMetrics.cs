namespace Grimoire.Nn.Training;

/// <summary>Scores of a per-pixel labelling (book §18): the fraction of pixels labelled right, and the mean over
/// classes of the intersection over union |P ∩ T| / |P ∪ T|, which — unlike pixel accuracy — a network cannot
/// inflate by labelling everything as the dominant background.</summary>
public static class SegmentationMetrics
{
    /// <summary>Fraction of positions where <paramref name="predicted"/> equals <paramref name="actual"/>.</summary>
    public static double PixelAccuracy(ReadOnlySpan<int> predicted, ReadOnlySpan<int> actual)
    {
        CheckLengths(predicted, actual);
        var correct = 0;
        for (var i = 0; i < actual.Length; i++) if (predicted[i] == actual[i]) correct++;
        return (double)correct / actual.Length;
    }

    /// <summary>Mean IoU over the classes 0..<paramref name="classes"/>−1. A class absent from both the prediction and
    /// the ground truth has an undefined IoU (0/0) and is left out of the mean, as in the PASCAL VOC and Cityscapes
    /// definition; a class predicted but absent from the truth (or the reverse) counts with IoU 0.</summary>
    public static double MeanIoU(ReadOnlySpan<int> predicted, ReadOnlySpan<int> actual, int classes)
    {
        CheckLengths(predicted, actual);
        if (classes < 1) throw new ArgumentOutOfRangeException(nameof(classes), classes, "mean IoU needs at least one class");
        var intersection = new long[classes];
        var union = new long[classes];
        for (var i = 0; i < actual.Length; i++)
        {
            var (p, t) = (predicted[i], actual[i]);
            if ((uint)p >= (uint)classes || (uint)t >= (uint)classes)
                throw new ArgumentOutOfRangeException(nameof(predicted), $"pixel {i} has label {((uint)p >= (uint)classes ? p : t)}, outside the {classes} classes");
            if (p == t)
            {
                intersection[p]++;
                union[p]++;
            }
            else
            {
                union[p]++;
                union[t]++;
            }
        }
        var (sum, present) = (0.0, 0);
        for (var c = 0; c < classes; c++)
        {
            if (union[c] == 0) continue;
            sum += (double)intersection[c] / union[c];
            present++;
        }
        return sum / present;
    }

    private static void CheckLengths(ReadOnlySpan<int> predicted, ReadOnlySpan<int> actual)
    {
        if (actual.Length == 0) throw new ArgumentException("segmentation scores need at least one pixel", nameof(actual));
        if (predicted.Length != actual.Length)
            throw new ArgumentException($"segmentation scores need one prediction per pixel: {predicted.Length} predictions for {actual.Length} labels", nameof(predicted));
    }
}
