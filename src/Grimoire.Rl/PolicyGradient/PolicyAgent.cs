using Grimoire.Rl.Agents;
using Grimoire.Rl.Catalogue;
using Grimoire.Rl.Policies;

namespace Grimoire.Rl.PolicyGradient;

/// <summary>A policy-gradient agent: its <see cref="PolicyModel"/> acts with the most probable action (a Gaussian's mean).
/// An agent fresh from training saves its whole training state (a run can resume from the file); one loaded from a
/// file saves its networks and metadata again.</summary>
public sealed class PolicyAgent : RlAgent
{
    private readonly IAgentFile _file;
    private readonly float[] _action;

    internal PolicyAgent(string algorithm, EnvironmentEntry environment, PolicyModel model, IAgentFile file)
    {
        (Algorithm, Environment, Model, _file) = (algorithm, environment, model, file);
        _action = new float[model.Policy.ActionWidth];
    }

    /// <inheritdoc/>
    public override string Algorithm { get; }

    /// <inheritdoc/>
    public override EnvironmentEntry Environment { get; }

    /// <summary>The policy and value networks.</summary>
    public PolicyModel Model { get; }

    /// <inheritdoc/>
    public override int ActDiscrete(float[] observation)
    {
        if (!Environment.IsDiscrete) return base.ActDiscrete(observation);
        Model.Policy.Act(observation, 1, null, _action);
        return (int)_action[0];
    }

    /// <inheritdoc/>
    public override float[] ActContinuous(float[] observation)
    {
        if (Environment.IsDiscrete) return base.ActContinuous(observation);
        Model.Policy.Act(observation, 1, null, _action);
        return [.. _action];
    }

    /// <inheritdoc/>
    public override void Save(string path) => _file.Save(path);

    /// <inheritdoc/>
    protected override void Dispose(bool disposing)
    {
        if (!disposing) return;
        _file.Dispose();
        Model.Dispose();
    }
}

/// <summary>What an agent writes when saved, and what it holds besides its networks (a training run's optimizer).</summary>
internal interface IAgentFile : IDisposable
{
    /// <summary>Writes the agent's checkpoint.</summary>
    void Save(string path);
}
