using Grimoire.Ops;

namespace Grimoire.Nn.Optimizers;

/// <summary>Adam (Kingma &amp; Ba): per-element steps scaled by running estimates of the gradient's first and
/// second moments, bias-corrected for their zero start: m ← β₁m + (1−β₁)g; v ← β₂v + (1−β₂)g²;
/// θ ← θ − η·m̂ / (√v̂ + ε) with m̂ = m/(1−β₁ᵗ), v̂ = v/(1−β₂ᵗ). Weight decay here is the classic L2 term added to
/// the gradient, which the adaptive scaling then weakens for parameters with large gradients; <see cref="AdamW"/>
/// decouples it.</summary>
public class Adam : Optimizer
{
    private readonly Tensor[] _m;
    private readonly Tensor[] _v;
    private readonly bool _decoupled;
    private readonly bool[] _decays;

    /// <summary>Adam with PyTorch's defaults; moments start at zero, allocated now like the parameters.</summary>
    /// <exception cref="ArgumentOutOfRangeException">a rate or decay out of range, β outside [0, 1), or ε not a positive
    /// finite number.</exception>
    public Adam(IEnumerable<Parameter> parameters, double learningRate = 1e-3, double beta1 = 0.9, double beta2 = 0.999,
        double epsilon = 1e-8, double weightDecay = 0)
        : this(parameters, learningRate, beta1, beta2, epsilon, weightDecay, decoupled: false)
    {
    }

    private protected Adam(IEnumerable<Parameter> parameters, double learningRate, double beta1, double beta2, double epsilon,
        double weightDecay, bool decoupled, Func<Parameter, bool>? decays = null)
        : base(parameters, learningRate)
    {
        CheckRate(beta1, nameof(beta1));
        CheckRate(beta2, nameof(beta2));
        CheckDecay(weightDecay);
        if (!(epsilon > 0) || !double.IsFinite(epsilon)) throw new ArgumentOutOfRangeException(nameof(epsilon), epsilon, "epsilon must be a positive finite number");
        (Beta1, Beta2, Epsilon, WeightDecay, _decoupled) = (beta1, beta2, epsilon, weightDecay, decoupled);
        _decays = [.. Parameters.Select(p => decays?.Invoke(p) ?? true)];
        _m = ZerosLikeParameters();
        _v = ZerosLikeParameters();
    }

    /// <summary>β₁, the first moment's decay, in [0, 1).</summary>
    public double Beta1 { get; }

    /// <summary>β₂, the second moment's decay, in [0, 1).</summary>
    public double Beta2 { get; }

    /// <summary>ε, added to √v̂ so the step stays finite.</summary>
    public double Epsilon { get; }

    /// <summary>λ: added to the gradient as λθ by Adam, applied to θ directly (θ ← θ − ηλθ) by <see cref="AdamW"/>; only to the
    /// parameters the optimizer was told to decay (all by default).</summary>
    public double WeightDecay { get; }

    /// <inheritdoc/>
    protected internal override IEnumerable<(string Name, IReadOnlyList<Tensor> Tensors)> State => [("exp_avg", _m), ("exp_avg_sq", _v)];

    /// <summary>One fused <see cref="Tensor.AdamUpdate"/> dispatch per parameter, updating θ, m and v in place. A gradient that
    /// autodiff left as a strided or broadcast view is made dense first (a copy only then; the step's scope frees it).</summary>
    protected override void Update(int index, Tensor value, Tensor grad) =>
        Tensor.AdamUpdate(value, grad.Contiguous(), _m[index], _v[index], new AdamAttributes(LearningRate, Beta1, Beta2, Epsilon, _decays[index] ? WeightDecay : 0, _decoupled, Steps));

    /// <inheritdoc/>
    public override void Dispose()
    {
        foreach (var t in _m.Concat(_v)) t.Dispose();
        base.Dispose();
    }
}
