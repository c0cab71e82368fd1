namespace Grimoire.Nn.Layers;

/// <summary>Layer normalisation (Ba et al. 2016, as in transformers): each sample is normalised over its last
/// <see cref="Shape"/>-sized axes with its own mean and biased variance, y = γ·(x − μ)/√(σ² + ε) + β, the same in
/// training and evaluation (no running statistics, unlike <see cref="BatchNorm"/>). One fused op,
/// <see cref="Tensor.LayerNorm"/>, whose gradient rule gives the backward through μ and σ². γ ("weight") starts at 1 and
/// β ("bias") at 0, of the normalised shape; without bias (GPT-style models built with <c>bias=False</c>) there is no β.</summary>
public sealed class LayerNorm : Module
{
    /// <summary>Layer norm over trailing axes of shape <paramref name="normalizedShape"/>.</summary>
    /// <exception cref="ShapeException">an empty normalised shape.</exception>
    /// <exception cref="ArgumentOutOfRangeException">ε is not a positive finite number.</exception>
    /// <exception cref="DTypeException">a dtype that is not floating.</exception>
    public LayerNorm(Shape normalizedShape, double epsilon = 1e-5, DType dtype = DType.Float32, bool bias = true)
    {
        if (normalizedShape.Rank == 0 || normalizedShape.Size == 0)
            throw new ShapeException($"layer norm needs a non-empty normalised shape, got {normalizedShape}");
        if (!(epsilon > 0) || !double.IsFinite(epsilon)) throw new ArgumentOutOfRangeException(nameof(epsilon), epsilon, "epsilon must be a positive finite number");
        if (!dtype.IsFloating()) throw new DTypeException($"layer norm's parameters must be floating, not {dtype.Name()}");
        (Shape, Epsilon) = (normalizedShape, epsilon);
        Weight = new Parameter("weight", Tensor.Ones(normalizedShape, dtype));
        Bias = bias ? new Parameter("bias", Tensor.Zeros(normalizedShape, dtype)) : null;
    }

    /// <summary>Layer norm over the last axis, of <paramref name="features"/> elements; as <see cref="LayerNorm(Shape, double, DType, bool)"/>.</summary>
    public LayerNorm(int features, double epsilon = 1e-5, DType dtype = DType.Float32, bool bias = true) : this(new Shape(features), epsilon, dtype, bias)
    {
    }

    /// <summary>The trailing axes each sample is normalised over.</summary>
    public Shape Shape { get; }

    /// <summary>ε added to the variance before the square root.</summary>
    public double Epsilon { get; }

    /// <summary>γ, of <see cref="Shape"/>, starting at 1.</summary>
    public Parameter Weight { get; }

    /// <summary>β, of <see cref="Shape"/>, starting at 0; null for a layer without bias.</summary>
    public Parameter? Bias { get; }

    /// <inheritdoc/>
    protected override IEnumerable<Parameter> OwnParameters => Bias is null ? [Weight] : [Weight, Bias];

    /// <exception cref="ShapeException">the input's trailing axes are not <see cref="Shape"/>.</exception>
    public override Tensor Forward(Tensor input) => input.LayerNorm(Shape, Weight.Value, Bias?.Value, Epsilon);
}
