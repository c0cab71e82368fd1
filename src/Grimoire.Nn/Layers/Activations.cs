namespace Grimoire.Nn.Layers;

/// <summary>max(x, 0). Prefer <see cref="Linear"/>'s fused activation after a dense layer; this module is for
/// stacks where the nonlinearity stands on its own.</summary>
public sealed class ReLU : Module
{
    /// <inheritdoc/>
    public override Tensor Forward(Tensor input) => input.Relu();
}

/// <summary>tanh(x), zero-centred and bounded in (−1, 1).</summary>
public sealed class Tanh : Module
{
    /// <inheritdoc/>
    public override Tensor Forward(Tensor input) => input.Tanh();
}

/// <summary>1 / (1 + e^−x), bounded in (0, 1).</summary>
public sealed class Sigmoid : Module
{
    /// <inheritdoc/>
    public override Tensor Forward(Tensor input) => input.Sigmoid();
}

/// <summary>x for x > 0, slope·x otherwise: keeps a gradient for negative inputs so units cannot die.</summary>
public sealed class LeakyReLU : Module
{
    /// <summary>A leaky ReLU with slope <paramref name="slope"/> for inputs ≤ 0 (0 gives ReLU).</summary>
    /// <exception cref="ArgumentOutOfRangeException">a negative or non-finite slope.</exception>
    public LeakyReLU(double slope = 0.01)
    {
        if (!double.IsFinite(slope) || slope < 0) throw new ArgumentOutOfRangeException(nameof(slope), slope, "leaky ReLU slope must be a finite number >= 0");
        Slope = slope;
    }

    /// <summary>The factor applied to inputs ≤ 0.</summary>
    public double Slope { get; }

    /// <inheritdoc/>
    public override Tensor Forward(Tensor input) => input.LeakyRelu(Slope);
}

/// <summary>x·Φ(x), the Gaussian error linear unit; <see cref="Approximate"/> uses PyTorch's tanh form
/// (<c>approximate='tanh'</c>).</summary>
public sealed class GELU(bool approximate = false) : Module
{
    /// <summary>True for the tanh approximation, false for the exact erf form.</summary>
    public bool Approximate { get; } = approximate;

    /// <inheritdoc/>
    public override Tensor Forward(Tensor input) => input.Gelu(Approximate);
}

/// <summary>x·σ(x) (swish).</summary>
public sealed class SiLU : Module
{
    /// <inheritdoc/>
    public override Tensor Forward(Tensor input) => input.Silu();
}

/// <summary>ln(1 + e^(β·x))/β, linear where β·x exceeds the threshold, with PyTorch's defaults β = 1, threshold = 20.</summary>
/// <exception cref="ArgumentOutOfRangeException">β is not a positive finite number, or the threshold is NaN.</exception>
public sealed class Softplus(double beta = 1, double threshold = 20) : Module
{
    private readonly Ops.SoftplusAttributes _settings = new(beta, threshold);

    /// <summary>β, the sharpness: larger values bring softplus closer to ReLU.</summary>
    public double Beta => _settings.Beta;

    /// <summary>Above β·x of this, the output is x itself (avoids overflow in e^(β·x)).</summary>
    public double Threshold => _settings.Threshold;

    /// <inheritdoc/>
    public override Tensor Forward(Tensor input) => input.Softplus(Beta, Threshold);
}
