namespace Grimoire.Ops;

/// <summary>The fused ops written with primitives (see <see cref="Decompositions"/>): each takes its kernels' operands.
/// Tests check every fused kernel against these.</summary>
internal static class FusedDecompositions
{
    public static Tensor Linear(ReadOnlySpan<Tensor> inputs, object? attributes)
    {
        var a = (LinearAttributes)attributes!;
        var z = inputs[0].MatMul(inputs[1]);
        if (inputs.Length > 2) z = z + inputs[2];
        return a.Activation switch
        {
            Activation.Relu => z.Relu(),
            Activation.Sigmoid => z.Sigmoid(),
            Activation.Tanh => z.Tanh(),
            _ => z,
        };
    }

    public static Tensor Softmax(ReadOnlySpan<Tensor> inputs, object? attributes)
    {
        var e = Shifted(inputs[0], (ReduceAttributes)attributes!).Exp();
        return e / e.Sum(1, keepDims: true);
    }

    public static Tensor LogSoftmax(ReadOnlySpan<Tensor> inputs, object? attributes) => LogSoftmaxRows(Rows(inputs[0], (ReduceAttributes)attributes!));

    /// <summary>Mean over rows of −log softmax at each label.</summary>
    public static Tensor CrossEntropy(ReadOnlySpan<Tensor> inputs, object? attributes) => -LogProbAtLabels(inputs[0], inputs[1]).Mean();

    public static Tensor Mse(ReadOnlySpan<Tensor> inputs, object? attributes)
    {
        var d = inputs[0] - inputs[1];
        return (d * d).Mean();
    }

    public static Tensor LayerNorm(ReadOnlySpan<Tensor> inputs, object? attributes)
    {
        var a = (LayerNormAttributes)attributes!;
        var x = inputs[0].Reshape(a.Rows, a.Cols);
        var centred = x - x.Mean(1, keepDims: true);
        var variance = (centred * centred).Mean(1, keepDims: true);
        return centred / (variance + a.Epsilon).Sqrt() * inputs[1].Reshape(a.Cols) + inputs[2].Reshape(a.Cols);
    }

    /// <summary>−(x − μ)²/(2σ²) − log σ − ½ log 2π with σ = e^(log σ).</summary>
    public static Tensor NormalLogProb(ReadOnlySpan<Tensor> inputs, object? attributes)
    {
        var (x, mean, logStd) = (inputs[0], inputs[1], inputs[2]);
        var z = (x - mean) * (-logStd).Exp();
        return z * z * -0.5 - logStd - Tensor.HalfLogTwoPi;
    }

    public static Tensor CategoricalLogProb(ReadOnlySpan<Tensor> inputs, object? attributes) => LogProbAtLabels(inputs[0], inputs[1]);

    /// <summary>The Adam step with one op per arithmetic step (the optimizers' former formulation): writes m and v, returns θ.</summary>
    public static Tensor AdamUpdate(ReadOnlySpan<Tensor> inputs, object? attributes)
    {
        var a = (AdamAttributes)attributes!;
        var (param, grad, m, v) = (inputs[0], inputs[1], inputs[2], inputs[3]);
        var (theta, g) = (param, grad);
        if (a.WeightDecay > 0)
        {
            if (a.Decoupled) theta = param * (1 - a.LearningRate * a.WeightDecay);
            else g = grad + param * a.WeightDecay;
        }
        var newM = m * a.Beta1 + g * (1 - a.Beta1);
        var newV = v * a.Beta2 + g * g * (1 - a.Beta2);
        newM.CopyTo(m);
        newV.CopyTo(v);
        var mHat = newM / a.Correction1;
        var vHat = newV / a.Correction2;
        return theta - mHat / (vHat.Sqrt() + a.Epsilon) * a.LearningRate;
    }

    /// <summary>log softmax(logits [n, c]) at each row's label → [n], through a one-hot mask.</summary>
    private static Tensor LogProbAtLabels(Tensor logits, Tensor labels) =>
        (LogSoftmaxRows(logits) * Tensor.OneHot(labels, logits.Shape[1], logits.DType)).Sum(1);

    private static Tensor LogSoftmaxRows(Tensor x)
    {
        var shifted = x - x.Max(1, keepDims: true);
        return shifted - shifted.Exp().Sum(1, keepDims: true).Log();
    }

    private static Tensor Rows(Tensor x, ReduceAttributes a) => x.Reshape(a.Outer, a.Length);

    private static Tensor Shifted(Tensor x, ReduceAttributes a)
    {
        var rows = Rows(x, a);
        return rows - rows.Max(1, keepDims: true);
    }
}
