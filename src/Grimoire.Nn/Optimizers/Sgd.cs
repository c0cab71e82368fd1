namespace Grimoire.Nn.Optimizers;

/// <summary>Stochastic gradient descent with optional momentum (heavy ball), Nesterov momentum and L2 weight
/// decay, in PyTorch's formulation: g ← ∇ + λθ; v ← μv + g; step along v, or along g + μv with Nesterov
/// (the gradient looked at one velocity step ahead); θ ← θ − η·step.</summary>
public sealed class Sgd : Optimizer
{
    private readonly Tensor[]? _velocity;

    /// <summary>SGD at <paramref name="learningRate"/>, with momentum μ = <paramref name="momentum"/> in [0, 1) (0: plain SGD, no
    /// velocity kept), Nesterov's variant when asked and L2 decay λ = <paramref name="weightDecay"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">a rate, momentum or decay out of range.</exception>
    /// <exception cref="ArgumentException">Nesterov without momentum.</exception>
    public Sgd(IEnumerable<Parameter> parameters, double learningRate, double momentum = 0, bool nesterov = false, double weightDecay = 0)
        : base(parameters, learningRate)
    {
        CheckRate(momentum, nameof(momentum));
        CheckDecay(weightDecay);
        if (nesterov && momentum == 0) throw new ArgumentException("Nesterov momentum needs a momentum above 0", nameof(nesterov));
        Momentum = momentum;
        Nesterov = nesterov;
        WeightDecay = weightDecay;
        if (momentum > 0) _velocity = ZerosLikeParameters();
    }

    /// <summary>μ, in [0, 1).</summary>
    public double Momentum { get; }

    /// <summary>True to step along g + μv instead of v.</summary>
    public bool Nesterov { get; }

    /// <summary>λ, the L2 coefficient added to the gradient as λθ.</summary>
    public double WeightDecay { get; }

    /// <inheritdoc/>
    protected internal override IEnumerable<(string Name, IReadOnlyList<Tensor> Tensors)> State =>
        _velocity is null ? [] : [("momentum_buffer", _velocity)];

    /// <inheritdoc/>
    protected override void Update(int index, Tensor value, Tensor grad)
    {
        var g = WeightDecay > 0 ? grad + value * WeightDecay : grad;
        if (_velocity is { } velocity)
        {
            var v = velocity[index] * Momentum + g;
            v.CopyTo(velocity[index]);
            g = Nesterov ? g + v * Momentum : v;
        }
        (value - g * LearningRate).CopyTo(value);
    }

    /// <inheritdoc/>
    public override void Dispose()
    {
        foreach (var v in _velocity ?? []) v.Dispose();
        base.Dispose();
    }
}
