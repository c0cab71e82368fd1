namespace Grimoire.Nn;

/// <summary>Per-pixel objectives for dense prediction (book §18, semantic segmentation): a fully convolutional network
/// emits one logit map per class, [n, c, h, w], and every pixel is one classification example. Rather than a loss
/// kernel of its own, the maps are laid out as rows — permute to [n, h, w, c], reshape to [n·h·w, c] — and fed to the
/// engine's fused cross-entropy, so the backward pass is that op's rule carried back through the view ops.</summary>
public static class PixelLosses
{
    /// <summary>[n, c, h, w] logit maps as [n·h·w, c] rows, one per pixel in NHW order (a copy, as the permuted view is not contiguous).</summary>
    public static Tensor PixelRows(Tensor logits)
    {
        if (logits.Rank != 4) throw new ShapeException($"per-pixel logits need shape [n, classes, height, width], got {logits.Shape}");
        return logits.Permute(0, 2, 3, 1).Reshape(-1, logits.Shape[1]);
    }

    /// <summary>Mean softmax cross-entropy over every pixel of [n, c, h, w] logits against int32 class
    /// <paramref name="labels"/> [n, h, w]; each pixel weighs the same, whichever image it is in.</summary>
    public static Tensor CrossEntropy(Tensor logits, Tensor labels)
    {
        var rows = PixelRows(logits);
        if (labels.Rank != 3 || labels.Shape[0] != logits.Shape[0] || labels.Shape[1] != logits.Shape[2] || labels.Shape[2] != logits.Shape[3])
            throw new ShapeException($"per-pixel labels for logits {logits.Shape} must have shape [{logits.Shape[0]}, {logits.Shape[2]}, {logits.Shape[3]}], got {labels.Shape}");
        return rows.CrossEntropy(labels.Reshape(-1));
    }
}
