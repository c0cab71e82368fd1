namespace Grimoire;

public sealed partial class Tensor
{
    /// <summary>Cross-entropy of logits [n, classes] against int32 <paramref name="labels"/> [n] (or, unbatched, logits
    /// [classes] against a rank-0 label, giving a rank-0 loss) with PyTorch's options:
    /// rows labelled <paramref name="ignoreIndex"/> (padding in language models) contribute nothing and are left out of the
    /// mean; <paramref name="labelSmoothing"/> ε mixes the one-hot target with the uniform one, (1 − ε)·onehot + ε/classes;
    /// <paramref name="reduction"/> gives the mean, the sum or the loss of each row. With no option set this is the fused
    /// <see cref="CrossEntropy(Tensor)"/>; otherwise it is composed from log-softmax, so it runs and differentiates wherever
    /// that does. The mean over no counted rows is NaN, as in PyTorch.</summary>
    /// <exception cref="ArgumentOutOfRangeException">a smoothing outside [0, 1], or an undefined reduction.</exception>
    /// <exception cref="ShapeException">a label outside [0, classes) that is not <paramref name="ignoreIndex"/>.</exception>
    public Tensor CrossEntropy(Tensor labels, int? ignoreIndex = null, double labelSmoothing = 0, Reduction reduction = Reduction.Mean)
    {
        if (!(labelSmoothing >= 0 && labelSmoothing <= 1)) throw new ArgumentOutOfRangeException(nameof(labelSmoothing), labelSmoothing, "label smoothing must lie in [0, 1]");
        if (!Enum.IsDefined(reduction)) throw new ArgumentOutOfRangeException(nameof(reduction), reduction, "undefined reduction");
        if (ignoreIndex is null && labelSmoothing == 0 && reduction == Reduction.Mean) return CrossEntropy(labels);
        if (IsUnbatchedCrossEntropy(labels))
        {
            var loss = Unsqueeze(0).CrossEntropy(labels.Reshape(1), ignoreIndex, labelSmoothing, reduction);
            return reduction == Reduction.None ? loss.Reshape() : loss;
        }
        if (Rank != 2) throw new ShapeException($"cross_entropy needs logits of shape [n, classes], got {Shape}");
        if (labels.Rank != 1 || labels.Shape[0] != Shape[0])
            throw new ShapeException($"cross_entropy labels must have shape [{Shape[0]}] for logits {Shape}, got {labels.Shape}");
        if (labels.DType != DType.Int32) throw new DTypeException($"cross_entropy labels must be i32 class indices, got {labels.DType.Name()}");
        var classes = Shape[1];
        // Labels go through floats (exact for any class index) because every backend has floating where and compare.
        var labelValues = labels.To(DType);
        var counted = ignoreIndex is { } ignored ? labelValues.Ne(labelValues.ScalarLike(ignored)) : null;
        var targets = (counted is null ? labelValues : Where(counted, labelValues, labelValues.ScalarLike(0))).To(DType.Int32);
        CheckIndices("cross_entropy", targets, classes);
        var target = OneHotOf(targets, classes, DType);
        if (labelSmoothing > 0) target = target * (1 - labelSmoothing) + labelSmoothing / classes;
        var rowLoss = -(LogSoftmax(1) * target).Sum(1);
        if (counted is not null) rowLoss *= counted;
        return reduction switch
        {
            Reduction.None => rowLoss,
            Reduction.Sum => rowLoss.Sum(),
            _ => rowLoss.Sum() / (counted?.Sum() ?? rowLoss.ScalarLike(Shape[0])),
        };
    }
}
