using Grimoire.Nn.Checkpoints;
using Grimoire.Nn.Optimizers;
using Grimoire.Rl.Agents;
using Grimoire.Rl.Catalogue;

namespace Grimoire.Rl.Imitation;

/// <summary>A cloned policy: acts with its deterministic action and saves the policy, Adam's state and step count, the
/// generator and the run's figures in one checkpoint.</summary>
internal sealed class ImitationAgent : RlAgent
{
    private readonly ImitationPolicy _policy;
    private readonly Adam _optimizer;
    private readonly Rng _random;
    private readonly IReadOnlyDictionary<string, string> _metadata;

    /// <summary>An agent owning <paramref name="policy"/> and <paramref name="optimizer"/>; <paramref name="metadata"/>
    /// is what its checkpoint records besides them (algorithm, environment, settings, seed, figures).</summary>
    public ImitationAgent(string algorithm, EnvironmentEntry environment, ImitationPolicy policy, Adam optimizer, Rng random, IReadOnlyDictionary<string, string> metadata)
    {
        (Algorithm, Environment, _policy, _optimizer, _random, _metadata) = (algorithm, environment, policy, optimizer, random, metadata);
    }

    /// <inheritdoc/>
    public override string Algorithm { get; }

    /// <inheritdoc/>
    public override EnvironmentEntry Environment { get; }

    /// <summary>The policy (tests read its success rate and weights).</summary>
    internal ImitationPolicy Policy => _policy;

    /// <summary>The most probable action.</summary>
    public override int ActDiscrete(float[] observation) =>
        Environment.IsDiscrete ? (int)_policy.Act(observation)[0] : base.ActDiscrete(observation);

    /// <summary>The mean action (of the heaviest component, for a mixture).</summary>
    public override float[] ActContinuous(float[] observation) =>
        Environment.IsDiscrete ? base.ActContinuous(observation) : _policy.Act(observation);

    /// <inheritdoc/>
    public override void Save(string path) =>
        Checkpoint.Save(path, _policy, _optimizer, _metadata, generators: new Dictionary<string, Rng> { [ImitationAlgorithm.GeneratorName] = _random });

    /// <inheritdoc/>
    protected override void Dispose(bool disposing)
    {
        if (!disposing) return;
        _optimizer.Dispose();
        _policy.Dispose();
    }
}
