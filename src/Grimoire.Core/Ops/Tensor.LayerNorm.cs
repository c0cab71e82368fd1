using Grimoire.Autograd;
using Grimoire.Ops;

namespace Grimoire;

/// <summary>Layer normalisation as one fused op: mean, variance and the affine map in one pass per row, instead of the
/// six ops (and passes) of its decomposition.</summary>
public sealed partial class Tensor
{
    /// <summary>Normalises each sample over its trailing <paramref name="normalizedShape"/> axes with its own mean and biased
    /// variance, y = (x − μ)/√(σ² + ε)·γ + β, as PyTorch's <c>layer_norm</c>; γ (<paramref name="weight"/>) and β
    /// (<paramref name="bias"/>) are of the normalised shape, 1 and 0 when not given.</summary>
    /// <exception cref="ShapeException">the input does not end in the normalised shape, or γ or β is not of it.</exception>
    /// <exception cref="ArgumentOutOfRangeException">ε is not a positive finite number.</exception>
    public Tensor LayerNorm(Shape normalizedShape, Tensor? weight = null, Tensor? bias = null, double epsilon = 1e-5)
    {
        const string op = OpNames.LayerNorm;
        var rank = normalizedShape.Rank;
        if (rank == 0 || normalizedShape.Size == 0) throw new ShapeException($"layer_norm needs a non-empty normalised shape, got {normalizedShape}");
        if (Rank < rank || !Shape.AsSpan()[^rank..].SequenceEqual(normalizedShape.AsSpan()))
            throw new ShapeException($"layer_norm over {normalizedShape} needs an input ending in those axes, got {Shape}");
        if (weight is not null && weight.Shape != normalizedShape) throw new ShapeException($"layer_norm weight must have the normalised shape {normalizedShape}, got {weight.Shape}");
        if (bias is not null && bias.Shape != normalizedShape) throw new ShapeException($"layer_norm bias must have the normalised shape {normalizedShape}, got {bias.Shape}");
        if (!(epsilon > 0) || !double.IsFinite(epsilon)) throw new ArgumentOutOfRangeException(nameof(epsilon), epsilon, "layer_norm epsilon must be a positive finite number");
        Tensor[] operands = [this, .. weight is null ? Array.Empty<Tensor>() : [weight], .. bias is null ? Array.Empty<Tensor>() : [bias]];
        Dispatch.Floating(op, this);
        Dispatch.SameDType(op, operands);
        Dispatch.SameDevice(op, operands);

        var cols = normalizedShape.Size;
        using var x = Contiguous(copy: false, track: false);
        using var w = weight?.Contiguous(copy: false, track: false) ?? Ones(normalizedShape, DType, Device);
        using var b = bias?.Contiguous(copy: false, track: false) ?? Zeros(normalizedShape, DType, Device);
        var y = Dispatch.Run(op, AllocateUninitialized(Shape, DType, Device), new LayerNormAttributes(Size / cols, cols, epsilon), x, w, b);

        var input = this;
        int[] axes = [.. Enumerable.Range(Rank - rank, rank)];
        return Tape.Record(y, op, operands, g =>
        {
            // x̂ and 1/σ recomputed with recorded ops, so the rule itself is differentiable (second derivatives).
            var centred = input - input.Mean(axes, keepDims: true);
            var inverseStd = 1 / ((centred * centred).Mean(axes, keepDims: true) + epsilon).Sqrt();
            var normalised = centred * inverseStd;
            var dNormalised = weight is null ? g : g * weight;
            return
            [
                Tape.For(input, () => inverseStd * (dNormalised - dNormalised.Mean(axes, keepDims: true) - normalised * (dNormalised * normalised).Mean(axes, keepDims: true))),
                .. weight is null ? Array.Empty<Tensor?>() : [Tape.For(weight, () => (g * normalised).SumTo(weight.Shape))],
                .. bias is null ? Array.Empty<Tensor?>() : [Tape.For(bias, () => g.SumTo(bias.Shape))],
            ];
        });
    }
}
