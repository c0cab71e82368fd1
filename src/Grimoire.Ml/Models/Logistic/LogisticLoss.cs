using Grimoire.Ml.Optimization;

namespace Grimoire.Ml.Models.Logistic;

/// <summary>scikit-learn's L2-penalised logistic objective f(W, b) = C·Σᵢ lossᵢ + ½‖W‖² and its gradient, for k
/// outputs: a binary problem (k = 1, lossᵢ = softplus(zᵢ) − yᵢzᵢ) or a softmax over k classes (lossᵢ = −log pᵢ,yᵢ with
/// log-softmax). Z = X·W + b and the gradient Xᵀ·(∂loss/∂Z) are engine float64 matmuls; the intercept b is not
/// penalised. Parameters are laid out as W [d, k] row-major, then b [k] when fitted, so W goes to the engine as a
/// prefix of the vector with no reshuffling. X is borrowed; Xᵀ is made contiguous once per fit rather than once per
/// evaluation.</summary>
internal sealed class LogisticLoss : IDisposable
{
    private readonly Tensor _x;
    private readonly Tensor _xt;
    private readonly Tensor _targets;
    private readonly bool _softmax;
    private readonly double _c;
    private readonly bool _fitIntercept;

    private LogisticLoss(Tensor x, Tensor targets, bool softmax, double c, bool fitIntercept)
    {
        _x = x;
        using var transposed = x.Transpose();
        _xt = transposed.Contiguous(copy: true);
        _targets = targets;
        _softmax = softmax;
        _c = c;
        _fitIntercept = fitIntercept;
    }

    public int Features => _x.Shape[1];

    public int Outputs => _targets.Shape[1];

    public int Size => (Features + (_fitIntercept ? 1 : 0)) * Outputs;

    /// <summary>One binary problem: <paramref name="positive"/>[i] is 1 for the positive class, else 0.</summary>
    public static LogisticLoss Binary(Tensor x, double[] positive, double c, bool fitIntercept) =>
        new(x, Tensor.FromArray(positive, new Shape(positive.Length, 1)), softmax: false, c, fitIntercept);

    /// <summary>A softmax over <paramref name="classes"/> outputs; <paramref name="labels"/> are class indices.</summary>
    public static LogisticLoss Multinomial(Tensor x, int[] labels, int classes, double c, bool fitIntercept)
    {
        var oneHot = new double[labels.Length * classes];
        for (var i = 0; i < labels.Length; i++) oneHot[i * classes + labels[i]] = 1;
        return new(x, Tensor.FromArray(oneHot, new Shape(labels.Length, classes)), softmax: true, c, fitIntercept);
    }

    public double Evaluate(double[] parameters, double[] gradient)
    {
        var (d, k) = (Features, Outputs);
        using var scope = new TensorScope();
        var z = _x.MatMul(Tensor.FromArray(parameters[..(d * k)], new Shape(d, k)));
        if (_fitIntercept) z += Tensor.FromArray(parameters[(d * k)..], new Shape(1, k));
        var (loss, residual) = _softmax ? SoftmaxTerms(z) : BinaryTerms(z);
        var weightGradient = _xt.MatMul(residual).ToDoubleArray();
        var penalty = 0.0;
        for (var i = 0; i < d * k; i++)
        {
            gradient[i] = _c * weightGradient[i] + parameters[i];
            penalty += parameters[i] * parameters[i];
        }
        if (_fitIntercept)
        {
            var interceptGradient = residual.Sum(0).ToDoubleArray();
            for (var j = 0; j < k; j++) gradient[d * k + j] = _c * interceptGradient[j];
        }
        return _c * loss + 0.5 * penalty;
    }

    /// <summary>The smooth function the minimisers take.</summary>
    public SmoothFunction Function => Evaluate;

    /// <summary>Σ cross-entropy and ∂/∂Z = softmax(Z) − Y, both from one stable log-softmax.</summary>
    private (double Loss, Tensor Residual) SoftmaxTerms(Tensor z)
    {
        var logP = z.LogSoftmax(1);
        return (-(_targets * logP).Sum().Item(), logP.Exp() - _targets);
    }

    /// <summary>Σ log(1 + eᶻ) − y·z (the log loss of σ(z) against y) and ∂/∂z = σ(z) − y.</summary>
    private (double Loss, Tensor Residual) BinaryTerms(Tensor z) =>
        ((Softplus.Of(z) - _targets * z).Sum().Item(), z.Sigmoid() - _targets);

    public void Dispose()
    {
        _xt.Dispose();
        _targets.Dispose();
    }
}
