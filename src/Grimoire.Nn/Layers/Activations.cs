namespace Grimoire.Nn.Layers;

/// <summary>max(x, 0). Prefer <see cref="Linear"/>'s fused activation after a dense layer; this module is for
/// stacks where the nonlinearity stands on its own.</summary>
public sealed class ReLU : Module
{
    public override Tensor Forward(Tensor input) => input.Relu();
}

/// <summary>tanh(x), zero-centred and bounded in (−1, 1).</summary>
public sealed class Tanh : Module
{
    public override Tensor Forward(Tensor input) => input.Tanh();
}

/// <summary>1 / (1 + e^−x), bounded in (0, 1).</summary>
public sealed class Sigmoid : Module
{
    public override Tensor Forward(Tensor input) => input.Sigmoid();
}

/// <summary>x for x > 0, slope·x otherwise: keeps a gradient for negative inputs so units cannot die.</summary>
public sealed class LeakyReLU : Module
{
    public LeakyReLU(double slope = 0.01)
    {
        if (!double.IsFinite(slope) || slope < 0) throw new ArgumentOutOfRangeException(nameof(slope), slope, "leaky ReLU slope must be a finite number >= 0");
        Slope = slope;
    }

    public double Slope { get; }

    public override Tensor Forward(Tensor input) => input.LeakyRelu(Slope);
}
