using Grimoire.Ml;
using Grimoire.Ml.Models.Settings;
using Grimoire.Nn.Checkpoints;
using Grimoire.Rl.Agents;
using Grimoire.Rl.Catalogue;

namespace Grimoire.Rl.ValueBased;

/// <summary>`grimoire rl train dqn`: deep Q-learning (book §27–28) with a replay buffer, a Polyak-averaged target
/// network, ε-greedy exploration, the Huber loss and Double DQN, for discrete actions. A run with --resume carries on
/// from its checkpoint and ends as the uninterrupted run would.</summary>
public sealed class DqnAlgorithm : IRlAlgorithm
{
    /// <summary>The catalogue name.</summary>
    public const string AlgorithmName = "dqn";

    /// <inheritdoc/>
    public string Name => AlgorithmName;

    /// <inheritdoc/>
    public string BookSection => "§27–28";

    /// <inheritdoc/>
    public string Summary => "deep Q-learning: replay buffer, Polyak target network, epsilon-greedy, Huber loss, Double DQN";

    /// <inheritdoc/>
    public string ActionSpaces => "discrete";

    /// <inheritdoc/>
    public IReadOnlyList<SettingInfo> Settings => SettingInfo.Of(typeof(DqnSettings));

    /// <inheritdoc/>
    public string? CannotLearn(EnvironmentEntry environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        return environment.IsDiscrete ? null : $"dqn needs discrete actions (one Q-value per action); {environment.Name} has continuous actions {environment.ActionSpace.Describe()}";
    }

    /// <inheritdoc/>
    public long DefaultSteps(EnvironmentEntry environment) => 50_000;

    /// <inheritdoc/>
    public RlAgent Train(RlTrainRequest request, TextWriter? progress = null)
    {
        ArgumentNullException.ThrowIfNull(request);
        request.Validate();
        if (CannotLearn(request.Environment) is { } why) throw new ModelException(why);
        var settings = EstimatorSettings.Bind<DqnSettings>(request.Settings, Name);
        var total = request.Steps ?? DefaultSteps(request.Environment);
        var run = request.ResumePath is { } resume
            ? Resumed(resume, request, settings, total)
            : DqnRun.Start(request.Environment, settings, request.Seed, request.Envs, total);
        try
        {
            run.Train(progress, request.CheckpointPath);
            return new DqnAgent(run);
        }
        catch
        {
            run.Dispose();
            throw;
        }
    }

    /// <inheritdoc/>
    public RlAgent Load(string path, EnvironmentEntry environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        if (CannotLearn(environment) is { } why) throw new CheckpointException($"{path}: {why}");
        return new DqnAgent(DqnRun.Load(path, environment));
    }

    /// <summary>The checkpointed run, after checking it is the run asked for: same environment, seed, copies, steps and settings.</summary>
    private static DqnRun Resumed(string path, RlTrainRequest request, DqnSettings settings, long total)
    {
        var run = DqnRun.Load(path, request.Environment);
        var asked = DqnRun.SettingValues(settings);
        var differences = DqnRun.SettingValues(run.Settings).Where(p => asked[p.Key] != p.Value).Select(p => $"{p.Key}={p.Value} (asked {asked[p.Key]})")
            .Concat(run.Seed != request.Seed ? [$"--seed {run.Seed} (asked {request.Seed})"] : [])
            .Concat(run.Envs != request.Envs ? [$"--envs {run.Envs} (asked {request.Envs})"] : [])
            .Concat(run.TotalSteps != total ? [$"--steps {run.TotalSteps} (asked {total})"] : [])
            .ToList();
        if (differences.Count == 0) return run;
        run.Dispose();
        throw new CheckpointException($"{path}: the checkpoint is of a run with {string.Join(", ", differences)}; resume with the same options");
    }
}
