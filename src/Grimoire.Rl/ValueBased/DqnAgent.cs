using Grimoire.Rl.Agents;
using Grimoire.Rl.Catalogue;

namespace Grimoire.Rl.ValueBased;

/// <summary>A deep Q-learning agent: acts greedily on its online Q-network; saving writes the whole run, so the file
/// both evaluates and resumes.</summary>
internal sealed class DqnAgent : RlAgent
{
    private readonly DqnRun _run;

    public DqnAgent(DqnRun run)
    {
        _run = run;
        Training = run.Figures;
    }

    /// <inheritdoc/>
    public override string Algorithm => DqnAlgorithm.AlgorithmName;

    /// <inheritdoc/>
    public override EnvironmentEntry Environment => _run.Environment;

    /// <summary>argmax_a Q(s, a).</summary>
    public override int ActDiscrete(float[] observation)
    {
        ArgumentNullException.ThrowIfNull(observation);
        if (observation.Length != _run.Learner.ObservationSize)
            throw new ArgumentException($"{Environment.Name} observations have {_run.Learner.ObservationSize} components, got {observation.Length}", nameof(observation));
        return _run.Learner.Greedy(observation)[0];
    }

    /// <inheritdoc/>
    public override void Save(string path) => _run.Save(path);

    /// <summary>The run behind the agent (tests compare weights).</summary>
    internal DqnRun Run => _run;

    /// <inheritdoc/>
    protected override void Dispose(bool disposing)
    {
        if (disposing) _run.Dispose();
    }
}
