using Grimoire.Autograd;
using Grimoire.Nn;
using Grimoire.Nn.Layers;

namespace Grimoire.Rl.Policies;

/// <summary>A stochastic policy π_θ(a|s): a tanh MLP from observations [n, d] to the parameters of an
/// <see cref="ActionDistribution"/>. REINFORCE, the natural policy gradient and PPO share it. Acting runs one forward
/// for a whole batch of observations (every copy of a vectorised environment at once).</summary>
public abstract class PolicyNetwork : Module<Tensor, ActionDistribution>
{
    /// <summary>A policy whose body maps <paramref name="observationSize"/> inputs to <paramref name="outputs"/> through
    /// <paramref name="layers"/> tanh layers of <paramref name="hidden"/> units; the output layer has gain 0.01, so the
    /// first policy is close to uniform (or centred on 0).</summary>
    protected PolicyNetwork(int observationSize, int outputs, int hidden, int layers, Rng rng)
    {
        ObservationSize = observationSize;
        Body = Mlp.Build(observationSize, hidden, layers, outputs, outputGain: 0.01, rng);
    }

    /// <summary>Components per observation.</summary>
    public int ObservationSize { get; }

    /// <summary>Floats per action row.</summary>
    public abstract int ActionWidth { get; }

    /// <summary>The MLP.</summary>
    public Sequential Body { get; }

    /// <inheritdoc/>
    protected override IEnumerable<(string Name, ModuleBase Module)> Children => [("body", Body)];

    /// <summary>The actions <see cref="ActionDistribution.LogProb"/> takes, from <paramref name="count"/> rows of
    /// <see cref="ActionWidth"/> floats.</summary>
    /// <exception cref="ArgumentException">not <paramref name="count"/> rows.</exception>
    public abstract Tensor ActionTensor(ReadOnlySpan<float> rows, int count);

    /// <summary>One action per observation row of <paramref name="observations"/> ([count·d]) into
    /// <paramref name="actions"/>: sampled from <paramref name="rng"/>, or the most probable one when it is null. One
    /// forward, nothing recorded.</summary>
    /// <exception cref="ArgumentException">lengths that are not <paramref name="count"/> rows.</exception>
    public void Act(ReadOnlySpan<float> observations, int count, Rng? rng, Span<float> actions)
    {
        if (observations.Length != (long)count * ObservationSize)
            throw new ArgumentException($"{count} observations of {ObservationSize} components need {(long)count * ObservationSize} floats, got {observations.Length}", nameof(observations));
        using var noGrad = GradMode.NoGrad();
        using var scope = new TensorScope();
        var distribution = Forward(Tensor.FromSpan(observations, new Shape(count, ObservationSize)));
        if (rng is null) distribution.Mode(actions);
        else distribution.Sample(rng, actions);
    }

    /// <summary>Throws unless <paramref name="rows"/> holds <paramref name="count"/> actions.</summary>
    /// <exception cref="ArgumentException">another length.</exception>
    protected void CheckRows(ReadOnlySpan<float> rows, int count)
    {
        if (rows.Length != (long)count * ActionWidth) throw new ArgumentException($"{count} actions of {ActionWidth} floats need {(long)count * ActionWidth} floats, got {rows.Length}", nameof(rows));
    }
}
