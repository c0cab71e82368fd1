namespace Grimoire.Nn.Layers;

/// <summary>Layer normalisation (Ba et al. 2016, as in transformers): each sample is normalised over its last
/// <see cref="Shape"/>-sized axes with its own mean and biased variance, y = γ·(x − μ)/√(σ² + ε) + β, the same in
/// training and evaluation (no running statistics, unlike <see cref="BatchNorm"/>). One fused op,
/// <see cref="Tensor.LayerNorm"/>, whose gradient rule gives the backward through μ and σ². γ ("weight") starts at 1 and
/// β ("bias") at 0, of the normalised shape.</summary>
public sealed class LayerNorm : Module
{
    public LayerNorm(Shape normalizedShape, double epsilon = 1e-5, DType dtype = DType.Float32)
    {
        if (normalizedShape.Rank == 0 || normalizedShape.Size == 0)
            throw new ShapeException($"layer norm needs a non-empty normalised shape, got {normalizedShape}");
        if (!(epsilon > 0) || !double.IsFinite(epsilon)) throw new ArgumentOutOfRangeException(nameof(epsilon), epsilon, "epsilon must be a positive finite number");
        if (!dtype.IsFloating()) throw new DTypeException($"layer norm's parameters must be floating, not {dtype.Name()}");
        (Shape, Epsilon) = (normalizedShape, epsilon);
        Weight = new Parameter("weight", Tensor.Ones(normalizedShape, dtype));
        Bias = new Parameter("bias", Tensor.Zeros(normalizedShape, dtype));
    }

    public LayerNorm(int features, double epsilon = 1e-5, DType dtype = DType.Float32) : this(new Shape(features), epsilon, dtype)
    {
    }

    /// <summary>The trailing axes each sample is normalised over.</summary>
    public Shape Shape { get; }

    public double Epsilon { get; }

    public Parameter Weight { get; }

    public Parameter Bias { get; }

    protected override IEnumerable<Parameter> OwnParameters => [Weight, Bias];

    /// <exception cref="ShapeException">the input's trailing axes are not <see cref="Shape"/>.</exception>
    public override Tensor Forward(Tensor input) => input.LayerNorm(Shape, Weight.Value, Bias.Value, Epsilon);
}
