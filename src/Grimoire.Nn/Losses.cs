namespace Grimoire.Nn;

/// <summary>The training objectives of the book's networks, each a mean over the batch so the learning rate does not
/// depend on the batch size. All take raw scores (logits), never probabilities: the fused forms are stable
/// where log(softmax) or log(sigmoid) would overflow or lose every digit.</summary>
public static class Losses
{
    /// <summary>Mean squared error over all elements (regression).</summary>
    public static Tensor Mse(Tensor prediction, Tensor target) => prediction.Mse(target);

    /// <summary>Mean categorical cross-entropy of int32 class <paramref name="labels"/> [n] under softmax(logits [n, c]).</summary>
    public static Tensor CrossEntropy(Tensor logits, Tensor labels) => logits.CrossEntropy(labels);

    /// <summary>Mean binary cross-entropy of 0/1 <paramref name="targets"/> under sigmoid(logits), written as
    /// max(z, 0) − z·y + log(1 + e^−|z|), which never exponentiates a positive number.</summary>
    public static Tensor BinaryCrossEntropyWithLogits(Tensor logits, Tensor targets)
    {
        if (logits.Shape != targets.Shape)
            throw new ShapeException($"binary cross-entropy needs targets shaped like the logits {logits.Shape}, got {targets.Shape}");
        return (logits.Relu() - logits * targets + (logits.Abs().Neg().Exp() + 1).Log()).Mean();
    }
}
