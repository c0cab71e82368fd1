using Grimoire.Autograd;
using Grimoire.Nn;
using Grimoire.Nn.Layers;

namespace Grimoire.Rl.Imitation;

/// <summary>
/// A policy π(a | s) for behaviour cloning (book §22): an MLP (two ReLU hidden layers) from the observation to the
/// parameters of an action distribution, trained by maximising log π(a* | s*) over the expert's pairs. Actions are
/// float vectors (a discrete action is one component holding its index). <see cref="Act"/> is deterministic: the most
/// probable action, the mean, or the mean of the most probable mixture component.
/// </summary>
public abstract class ImitationPolicy : Module
{
    private readonly Sequential _network;

    /// <summary>An MLP from <paramref name="observationSize"/> inputs to <paramref name="outputs"/> distribution parameters.</summary>
    protected ImitationPolicy(int observationSize, int outputs, int hidden, Rng rng, DType dtype)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(observationSize, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(hidden, 1);
        ObservationSize = observationSize;
        _network = new Sequential(
            new Linear(observationSize, hidden, Activation.Relu, rng, dtype: dtype),
            new Linear(hidden, hidden, Activation.Relu, rng, dtype: dtype),
            new Linear(hidden, outputs, rng: rng, dtype: dtype));
    }

    /// <summary>Components per observation.</summary>
    public int ObservationSize { get; }

    /// <summary>The bias of the output layer, one per distribution parameter.</summary>
    protected Parameter OutputBias => ((Linear)_network.Layers[^1]).Bias!;

    /// <summary>Components per action (1 for a discrete action).</summary>
    public abstract int ActionSize { get; }

    /// <summary>The element type of the weights; observations and actions are converted to it.</summary>
    public DType DType => _network.Parameters()[0].Value.DType;

    /// <inheritdoc/>
    protected override IEnumerable<(string Name, ModuleBase Module)> Children => [("net", _network)];

    /// <summary>The distribution's raw parameters, [n, outputs].</summary>
    public override Tensor Forward(Tensor input) => _network.Forward(input);

    /// <summary>log π(a | s) for each row: observations [n, d_s], actions [n, d_a] as floats → [n].</summary>
    public abstract Tensor LogLikelihood(Tensor observations, Tensor actions);

    /// <summary>The deterministic action for one observation.</summary>
    public float[] Act(float[] observation)
    {
        ArgumentNullException.ThrowIfNull(observation);
        if (observation.Length != ObservationSize) throw new ArgumentException($"the policy reads {ObservationSize} components, got {observation.Length}", nameof(observation));
        using var noGrad = GradMode.NoGrad();
        using var scope = new TensorScope();
        var x = Tensor.FromArray(observation, new Shape(1, ObservationSize)).To(DType);
        return Mode(Forward(x));
    }

    /// <summary>The deterministic action from one row of distribution parameters [1, outputs].</summary>
    protected abstract float[] Mode(Tensor parameters);

    /// <summary>Columns [from, to) of <paramref name="parameters"/> [n, outputs] as a dense tensor.</summary>
    protected static Tensor Columns(Tensor parameters, int from, int to) => parameters.Slice(1, from, to).Contiguous();
}

/// <summary>π(a | s) = softmax(logits(s)) over discrete actions (CartPole's expert labels).</summary>
public sealed class CategoricalPolicy(int observationSize, int actions, int hidden, Rng rng, DType dtype = DType.Float32)
    : ImitationPolicy(observationSize, actions, hidden, rng, dtype)
{
    /// <summary>One component: the action's index.</summary>
    public override int ActionSize => 1;

    /// <inheritdoc/>
    public override Tensor LogLikelihood(Tensor observations, Tensor actions)
    {
        ArgumentNullException.ThrowIfNull(actions);
        return Forward(observations).CategoricalLogProb(actions.Reshape(actions.Shape[0]).To(DType.Int32));
    }

    /// <summary>The most probable action.</summary>
    protected override float[] Mode(Tensor parameters) => [parameters.ArgMax(1).ToArray<int>()[0]];
}

/// <summary>π(a | s) = N(μ(s), diag σ(s)²), one mode: fitted to a two-route expert it puts its mean between the routes
/// (mode averaging, book §22.2, §23.1). log σ is limited to [<see cref="MinLogStd"/>, <see cref="MaxLogStd"/>], so the
/// likelihood of an expert that acts deterministically stays bounded.</summary>
public sealed class GaussianPolicy(int observationSize, int actionSize, int hidden, Rng rng, DType dtype = DType.Float32)
    : ImitationPolicy(observationSize, 2 * actionSize, hidden, rng, dtype)
{
    /// <summary>The smallest log σ.</summary>
    public const double MinLogStd = -5;

    /// <summary>The largest log σ.</summary>
    public const double MaxLogStd = 2;

    /// <inheritdoc/>
    public override int ActionSize { get; } = actionSize;

    /// <inheritdoc/>
    public override Tensor LogLikelihood(Tensor observations, Tensor actions)
    {
        var p = Forward(observations);
        return MixtureOfGaussians.GaussianLogLikelihood(Columns(p, 0, ActionSize), Columns(p, ActionSize, 2 * ActionSize).Clamp(MinLogStd, MaxLogStd), actions);
    }

    /// <summary>The mean.</summary>
    protected override float[] Mode(Tensor parameters) => [.. Columns(parameters, 0, ActionSize).ToDoubleArray().Select(v => (float)v)];
}

/// <summary>π(a | s) = Σ_k w_k(s) N(μ_k(s), diag σ_k(s)²), a mixture-density network (Bishop 1994) with K components,
/// which can keep both of an expert's routes (book §22.2). The output biases of the K means start spread uniformly over
/// [−1, 1]^d rather than at zero: identical components would get identical gradients, and one of them tends to take all
/// the data and widen over both modes. Acting takes the mean of the heaviest component.</summary>
public sealed class MixtureDensityPolicy : ImitationPolicy
{
    /// <summary>A policy of <paramref name="components"/> Gaussians over <paramref name="actionSize"/>-component actions.</summary>
    /// <exception cref="ArgumentOutOfRangeException">fewer than one component or action component.</exception>
    public MixtureDensityPolicy(int observationSize, int actionSize, int components, int hidden, Rng rng, DType dtype = DType.Float32)
        : base(observationSize, Outputs(actionSize, components), hidden, rng, dtype)
    {
        (ActionSize, Components) = (actionSize, components);
        var bias = OutputBias.Value.ToDoubleArray();
        for (var i = components; i < components + components * actionSize; i++) bias[i] = rng.NextDouble() * 2 - 1;
        using var noGrad = Grimoire.Autograd.GradMode.NoGrad();
        using var spread = Tensor.FromArray(bias, OutputBias.Shape).To(dtype);
        spread.CopyTo(OutputBias.Value);
    }

    /// <inheritdoc/>
    public override int ActionSize { get; }

    /// <summary>K, the number of Gaussians.</summary>
    public int Components { get; }

    /// <summary>The raw parameters split: logits [n, K], means and log σ (limited as <see cref="GaussianPolicy"/>'s) [n, K, d].</summary>
    public (Tensor Logits, Tensor Means, Tensor LogStd) Split(Tensor parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        var (n, k, d) = (parameters.Shape[0], Components, ActionSize);
        return (Columns(parameters, 0, k), Columns(parameters, k, k + k * d).Reshape(n, k, d),
            Columns(parameters, k + k * d, k + 2 * k * d).Reshape(n, k, d).Clamp(GaussianPolicy.MinLogStd, GaussianPolicy.MaxLogStd));
    }

    /// <inheritdoc/>
    public override Tensor LogLikelihood(Tensor observations, Tensor actions)
    {
        var (logits, means, logStd) = Split(Forward(observations));
        return MixtureOfGaussians.LogLikelihood(logits, means, logStd, actions);
    }

    private static int Outputs(int actionSize, int components)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(actionSize, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(components, 1);
        return components * (1 + 2 * actionSize);
    }

    /// <summary>The mean of the component with the largest weight.</summary>
    protected override float[] Mode(Tensor parameters)
    {
        var (logits, means, _) = Split(parameters);
        var k = logits.ArgMax(1).ToArray<int>()[0];
        return [.. means.ToDoubleArray().Skip(k * ActionSize).Take(ActionSize).Select(v => (float)v)];
    }
}
