using Grimoire.Ml.Kernels;
using Grimoire.Ml.Optimization;

namespace Grimoire.Ml.Models.Logistic;

/// <summary>scikit-learn's L2-penalised logistic objective f(W, b) = C·Σᵢ lossᵢ + ½‖W‖² and its gradient, for k
/// outputs: a binary problem (k = 1, lossᵢ = softplus(zᵢ) − yᵢzᵢ) or a softmax over k classes (lossᵢ = −log pᵢ,yᵢ with
/// log-softmax), Z = X·W + b. The data term and its gradient come from one fused pass over the rows of X
/// (<see cref="LogisticPass"/>); the intercept b is not penalised. Parameters are laid out as W [d, k] row-major, then
/// b [k] when fitted. X is read where it lies (leased for the loss's lifetime), never copied or transposed.</summary>
internal sealed class LogisticLoss : IDisposable
{
    private readonly HostValues _x;
    private readonly double[]? _positive;
    private readonly int[]? _labels;
    private readonly double _c;
    private readonly bool _fitIntercept;

    private LogisticLoss(Tensor x, double[]? positive, int[]? labels, int outputs, double c, bool fitIntercept)
    {
        _x = new HostValues(x);
        (_positive, _labels, Outputs, _c, _fitIntercept) = (positive, labels, outputs, c, fitIntercept);
    }

    public int Features => _x.Columns;

    public int Outputs { get; }

    public int Size => (Features + (_fitIntercept ? 1 : 0)) * Outputs;

    /// <summary>One binary problem: <paramref name="positive"/>[i] is 1 for the positive class, else 0.</summary>
    public static LogisticLoss Binary(Tensor x, double[] positive, double c, bool fitIntercept) =>
        new(x, positive, null, 1, c, fitIntercept);

    /// <summary>A softmax over <paramref name="classes"/> outputs; <paramref name="labels"/> are class indices.</summary>
    public static LogisticLoss Multinomial(Tensor x, int[] labels, int classes, double c, bool fitIntercept) =>
        new(x, null, labels, classes, c, fitIntercept);

    public double Evaluate(double[] parameters, double[] gradient)
    {
        var (d, k) = (Features, Outputs);
        var weights = new double[d * k];
        for (var f = 0; f < d; f++)
            for (var j = 0; j < k; j++) weights[j * d + f] = parameters[f * k + j];
        var intercepts = _fitIntercept ? parameters[(d * k)..] : new double[k];
        var pass = _labels is null
            ? LogisticPass.Binary(_x, _positive!, weights, intercepts[0])
            : LogisticPass.Softmax(_x, _labels, k, weights, intercepts);
        var penalty = 0.0;
        for (var f = 0; f < d; f++)
            for (var j = 0; j < k; j++)
            {
                var i = f * k + j;
                gradient[i] = _c * pass.WeightGradient[j * d + f] + parameters[i];
                penalty += parameters[i] * parameters[i];
            }
        if (_fitIntercept)
            for (var j = 0; j < k; j++) gradient[d * k + j] = _c * pass.InterceptGradient[j];
        return _c * pass.Loss + 0.5 * penalty;
    }

    /// <summary>The smooth function the minimisers take.</summary>
    public SmoothFunction Function => Evaluate;

    public void Dispose() => _x.Dispose();
}
