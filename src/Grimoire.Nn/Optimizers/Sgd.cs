namespace Grimoire.Nn.Optimizers;

/// <summary>Stochastic gradient descent with optional momentum (heavy ball), Nesterov momentum and L2 weight
/// decay, in PyTorch's formulation: g ← ∇ + λθ; v ← μv + g; step along v, or along g + μv with Nesterov
/// (the gradient looked at one velocity step ahead); θ ← θ − η·step.</summary>
public sealed class Sgd : Optimizer
{
    private readonly Tensor[]? _velocity;

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

    public double Momentum { get; }

    public bool Nesterov { get; }

    public double WeightDecay { get; }

    protected internal override IEnumerable<(string Name, IReadOnlyList<Tensor> Tensors)> State =>
        _velocity is null ? [] : [("momentum_buffer", _velocity)];

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

    public override void Dispose()
    {
        foreach (var v in _velocity ?? []) v.Dispose();
        base.Dispose();
    }
}
