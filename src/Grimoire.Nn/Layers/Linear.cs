namespace Grimoire.Nn.Layers;

/// <summary>A dense layer activation(x·W + b) with W of shape [in, out], run as the engine's fused
/// <see cref="Tensor.Linear"/> so bias and activation cost no extra pass over the output.</summary>
public sealed class Linear : Module
{
    /// <param name="initializer">Defaults to He for ReLU and Glorot otherwise.</param>
    public Linear(int inFeatures, int outFeatures, Activation activation = Activation.None, Rng? rng = null,
        Initializer? initializer = null, bool bias = true, DType dtype = DType.Float32)
    {
        if (inFeatures < 1) throw new ArgumentOutOfRangeException(nameof(inFeatures), inFeatures, "a linear layer needs at least one input feature");
        if (outFeatures < 1) throw new ArgumentOutOfRangeException(nameof(outFeatures), outFeatures, "a linear layer needs at least one output feature");
        if (!Enum.IsDefined(activation)) throw new ArgumentOutOfRangeException(nameof(activation), activation, "unknown activation");
        if (!dtype.IsFloating()) throw new DTypeException($"a linear layer's weights must be floating, not {dtype.Name()}");
        var init = initializer ?? (activation == Activation.Relu ? Initializer.HeUniform : Initializer.GlorotUniform);
        var bound = init.Bound(inFeatures, outFeatures);
        InFeatures = inFeatures;
        OutFeatures = outFeatures;
        Activation = activation;
        Weight = new Parameter("weight", Tensor.RandU(new Shape(inFeatures, outFeatures), -bound, bound, rng, dtype));
        Bias = bias ? new Parameter("bias", Tensor.Zeros(new Shape(outFeatures), dtype)) : null;
    }

    public int InFeatures { get; }

    public int OutFeatures { get; }

    public Activation Activation { get; }

    public Parameter Weight { get; }

    public Parameter? Bias { get; }

    protected override IEnumerable<Parameter> OwnParameters => Bias is null ? [Weight] : [Weight, Bias];

    public override Tensor Forward(Tensor input) => input.Linear(Weight.Value, Bias?.Value, Activation);
}
