namespace Grimoire.Nn.Layers;

/// <summary>A dense layer activation(x·W + b) with W of shape [in, out], run as the engine's fused
/// <see cref="Tensor.Linear"/> so bias and activation cost no extra pass over the output.</summary>
public sealed class Linear : Module
{
    /// <summary>A dense layer with weights drawn uniformly in ±bound of <paramref name="initializer"/> and a zero bias.</summary>
    /// <param name="inFeatures">Size of the input's last axis, at least 1.</param>
    /// <param name="outFeatures">Size of the output's last axis, at least 1.</param>
    /// <param name="activation">Applied to x·W + b in the fused op.</param>
    /// <param name="rng">Draws the weights; <see cref="Rng.Default"/> when null.</param>
    /// <param name="initializer">Defaults to He for ReLU and Glorot otherwise.</param>
    /// <param name="bias">False for a layer without bias.</param>
    /// <param name="dtype">Element type of the weights, floating.</param>
    /// <exception cref="ArgumentOutOfRangeException">a feature count below 1, or an undefined activation.</exception>
    /// <exception cref="DTypeException">a dtype that is not floating.</exception>
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

    /// <summary>Size of the input's last axis.</summary>
    public int InFeatures { get; }

    /// <summary>Size of the output's last axis.</summary>
    public int OutFeatures { get; }

    /// <summary>Applied in the fused op's epilogue.</summary>
    public Activation Activation { get; }

    /// <summary>W, [in, out].</summary>
    public Parameter Weight { get; }

    /// <summary>b, [out], or null for a layer without bias.</summary>
    public Parameter? Bias { get; }

    /// <inheritdoc/>
    protected override IEnumerable<Parameter> OwnParameters => Bias is null ? [Weight] : [Weight, Bias];

    /// <summary>[..., in] to [..., out].</summary>
    public override Tensor Forward(Tensor input) => input.Linear(Weight.Value, Bias?.Value, Activation);
}
