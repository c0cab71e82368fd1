using Grimoire.Nn;

namespace Grimoire.Rl.Policies;

/// <summary>A policy over actions in ℝ^d: the MLP gives the means of a <see cref="GaussianDistribution"/> and a learned
/// log standard deviation per component, shared by all states, gives its spread.</summary>
public sealed class GaussianPolicy : PolicyNetwork
{
    /// <summary>A Gaussian policy starting with standard deviation e^<paramref name="initialLogStd"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">a dimension below 1 or a non-finite initial log σ.</exception>
    public GaussianPolicy(int observationSize, int actionSize, int hidden, int layers, double initialLogStd, Rng rng)
        : base(observationSize, actionSize, hidden, layers, rng)
    {
        if (!double.IsFinite(initialLogStd)) throw new ArgumentOutOfRangeException(nameof(initialLogStd), initialLogStd, "the initial log standard deviation must be finite");
        LogStd = new Parameter("log_std", Tensor.Full(new Shape(actionSize), initialLogStd));
    }

    /// <summary>log σ, [d].</summary>
    public Parameter LogStd { get; }

    /// <inheritdoc/>
    public override int ActionWidth => LogStd.Size;

    /// <inheritdoc/>
    protected override IEnumerable<Parameter> OwnParameters => [LogStd];

    /// <summary>The Gaussian for each observation row.</summary>
    public override ActionDistribution Forward(Tensor input) => new GaussianDistribution(Body.Forward(input), LogStd.Value);

    /// <summary>float32 actions [count, d].</summary>
    /// <exception cref="ArgumentException">not <paramref name="count"/> rows.</exception>
    public override Tensor ActionTensor(ReadOnlySpan<float> rows, int count)
    {
        CheckRows(rows, count);
        return Tensor.FromSpan(rows, new Shape(count, ActionWidth));
    }
}
