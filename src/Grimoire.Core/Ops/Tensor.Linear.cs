using Grimoire.Autograd;
using Grimoire.Ops;

namespace Grimoire;

/// <summary>The dense layer as one fused op: activation(x·W + b), with bias and activation applied while
/// each output tile is still in cache instead of in two more passes over the output.</summary>
public sealed partial class Tensor
{
    /// <summary>activation(this [..., k] × <paramref name="weight"/> [k, n] + <paramref name="bias"/> [n]) → [..., n].
    /// Equal to the unfused MatMul, Add and activation, which its gradient is written in.</summary>
    public Tensor Linear(Tensor weight, Tensor? bias = null, Activation activation = Activation.None)
    {
        const string op = OpNames.Linear;
        if (Rank < 1 || weight.Rank != 2)
            throw new ShapeException($"linear needs an input of rank >= 1 and a [in, out] weight, got {Shape} and {weight.Shape}");
        var (k, n) = (weight.Shape[0], weight.Shape[1]);
        if (Shape[-1] != k) throw new ShapeException($"linear input's last axis ({Shape[-1]}) differs from the weight's rows: {Shape} × {weight.Shape}");
        if (bias is not null && (bias.Rank != 1 || bias.Shape[0] != n))
            throw new ShapeException($"linear bias must have shape [{n}] for weight {weight.Shape}, got {bias.Shape}");
        if (!Enum.IsDefined(activation)) throw new ArgumentOutOfRangeException(nameof(activation), activation, "unknown activation");
        Tensor[] operands = bias is null ? [this, weight] : [this, weight, bias];
        Dispatch.SameDType(op, operands);
        Dispatch.SameDevice(op, operands);
        Dispatch.Floating(op, this);

        var m = new Shape(Shape.Dims[..^1]).Size;
        var output = AllocateUninitialized(new Shape([.. Shape.Dims[..^1], n]), DType, Device);
        using var x = Contiguous(copy: false, track: false);
        using var a = x.View(new Shape(1, m, k), [0, k, 1], x.Offset, track: false);
        using var w = weight.AsBatchedMatrix(Grimoire.Shape.Scalar, k, n);
        using var b = bias?.Contiguous(copy: false, track: false);
        Tensor[] inputs = b is null ? [a, w] : [a, w, b];
        Dispatch.Run(op, output, new LinearAttributes(m, n, k, activation), inputs);

        var (input, y) = (this, output);
        return Tape.Record(output, op, operands, g =>
        {
            var dz = ActivationGradient(activation, y, g);
            return
            [
                Tape.For(input, () => dz.Reshape(m, n).MatMul(weight.Transpose()).Reshape(input.Shape.ToArray())),
                Tape.For(weight, () => input.Reshape(m, k).Transpose().MatMul(dz.Reshape(m, n))),
                .. bias is null ? Array.Empty<Tensor?>() : [Tape.For(bias, () => dz.SumTo(bias.Shape))],
            ];
        });
    }

    /// <summary>∂L/∂z from ∂L/∂y for y = activation(z), written with the output y as the elementwise ops do.</summary>
    private static Tensor ActivationGradient(Activation activation, Tensor y, Tensor g) => activation switch
    {
        Activation.Relu => g * y.Gt(0),
        Activation.Sigmoid => g * y * (1 - y),
        Activation.Tanh => g * (1 - y * y),
        _ => g,
    };
}
