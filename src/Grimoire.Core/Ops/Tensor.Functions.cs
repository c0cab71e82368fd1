using Grimoire.Autograd;
using Grimoire.Ops;

namespace Grimoire;

/// <summary>Trigonometric, special and activation functions with PyTorch's semantics (sin, cos, log1p, expm1, erf, gelu,
/// silu, softplus, clamp, minimum), each a kernel op with its gradient rule. The rules are built from ops, so they are
/// differentiable again.</summary>
public sealed partial class Tensor
{
    private const double TwoOverSqrtPi = 1.1283791670955126;
    private const double OneOverSqrt2 = 0.70710678118654752;
    private const double OneOverSqrt2Pi = 0.3989422804014327;
    private const double GeluTanhScale = 0.7978845608028654; // √(2/π)
    private const double GeluTanhCubic = 0.044715;

    /// <summary>sin(x) elementwise, x in radians (see docs/architecture.md for the accuracy bounds).</summary>
    public Tensor Sin() => Unary(OpNames.Sin, null, (x, y, g) => g * x.Cos());

    /// <summary>cos(x) elementwise, x in radians.</summary>
    public Tensor Cos() => Unary(OpNames.Cos, null, (x, y, g) => -(g * x.Sin()));

    /// <summary>ln(1 + x), accurate for x near 0 where 1 + x would round.</summary>
    public Tensor Log1p() => Unary(OpNames.Log1p, null, (x, y, g) => g / (1 + x));

    /// <summary>eˣ − 1, accurate for x near 0 where eˣ would round to 1.</summary>
    public Tensor Expm1() => Unary(OpNames.Expm1, null, (x, y, g) => g * (y + 1));

    /// <summary>The error function, 2/√π ∫₀ˣ e^(−t²) dt.</summary>
    public Tensor Erf() => Unary(OpNames.Erf, null, (x, y, g) => g * (x * x * -1).Exp() * TwoOverSqrtPi);

    /// <summary>x·Φ(x), Φ the standard normal distribution function; with <paramref name="approximate"/> PyTorch's
    /// <c>approximate='tanh'</c> form ½x(1 + tanh(√(2/π)(x + 0.044715x³))).</summary>
    public Tensor Gelu(bool approximate = false) =>
        Unary(OpNames.Gelu, new GeluAttributes(approximate), (x, y, g) =>
            // The fused backward op unless a graph of the gradient is being built, which needs the formula's recorded ops.
            GradMode.IsEnabled ? GeluGradient(x, g, approximate) : GeluBackward(g, x, approximate));

    /// <summary>x·σ(x), also called swish.</summary>
    public Tensor Silu() => Unary(OpNames.Silu, null, (x, y, g) =>
    {
        var s = x.Sigmoid();
        return g * s * (1 + x * (1 - s));
    });

    /// <summary>ln(1 + e^(β·x))/β, and x itself where β·x &gt; <paramref name="threshold"/> (PyTorch's defaults and rule).</summary>
    /// <exception cref="ArgumentOutOfRangeException">β is not a positive finite number, or the threshold is NaN.</exception>
    public Tensor Softplus(double beta = 1, double threshold = 20) =>
        Unary(OpNames.Softplus, new SoftplusAttributes(beta, threshold), (x, y, g) =>
        {
            var z = x * beta;
            return Where(z.Gt(threshold), g, g * z.Sigmoid());
        });

    /// <summary>Each element limited to [min, max], either bound optional; NaN stays NaN, and min &gt; max gives max
    /// everywhere (PyTorch). The gradient passes where min ≤ x ≤ max, bounds included.</summary>
    /// <exception cref="ArgumentException">neither bound is given.</exception>
    /// <exception cref="ArgumentOutOfRangeException">a bound is NaN.</exception>
    public Tensor Clamp(double? min = null, double? max = null) =>
        Unary(OpNames.Clamp, new ClampAttributes(min, max), (x, y, g) =>
        {
            var passed = g;
            if (min is double lower) passed = passed * x.Ge(lower);
            if (max is double upper) passed = passed * x.Le(upper);
            return passed;
        });

    /// <summary>Elementwise minimum, NaN if either operand is; ties send the gradient to this (left) operand.</summary>
    public Tensor Minimum(Tensor other) => Binary(OpNames.Minimum, other, (a, b, y, g) => (() => g * a.Le(b), () => g * a.Gt(b)));

    /// <summary>∂y·gelu′(x) in one fused pass (not differentiable again).</summary>
    internal static Tensor GeluBackward(Tensor gradient, Tensor x, bool approximate)
    {
        const string op = OpNames.GeluBackward;
        Dispatch.SameDType(op, gradient, x);
        Dispatch.SameDevice(op, gradient, x);
        Dispatch.Floating(op, x);
        var shape = Grimoire.Shape.Broadcast(gradient.Shape, x.Shape);
        using var g = gradient.BroadcastView(shape, track: false);
        using var input = x.BroadcastView(shape, track: false);
        var dx = Dispatch.Run(op, AllocateUninitialized(shape, x.DType, x.Device), new GeluAttributes(approximate), g, input);
        return Tape.Record(dx, op, [gradient, x], _ => throw new AutogradException($"{op} has no gradient: differentiate gelu twice with createGraph, which records its formula"));
    }

    /// <summary>∂y·gelu′(x) written with recorded ops (differentiable again), for either form.</summary>
    internal static Tensor GeluGradient(Tensor x, Tensor g, bool approximate) => approximate ? GeluTanhGradient(x, g) : GeluGradient(x, g);

    /// <summary>d/dx x·Φ(x) = Φ(x) + x·φ(x).</summary>
    private static Tensor GeluGradient(Tensor x, Tensor g)
    {
        var cdf = ((x * OneOverSqrt2).Erf() + 1) * 0.5;
        var pdf = (x * x * -0.5).Exp() * OneOverSqrt2Pi;
        return g * (cdf + x * pdf);
    }

    /// <summary>The tanh form is x·σ(2u) with u = √(2/π)(x + 0.044715x³), so its derivative is σ + x·σ(1 − σ)·2u′.</summary>
    private static Tensor GeluTanhGradient(Tensor x, Tensor g)
    {
        var s = ((x + x * x * x * GeluTanhCubic) * (2 * GeluTanhScale)).Sigmoid();
        var du = (1 + x * x * (3 * GeluTanhCubic)) * (2 * GeluTanhScale);
        return g * (s + x * s * (1 - s) * du);
    }
}
