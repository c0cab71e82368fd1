using System.Globalization;
using Grimoire.IO;
using Grimoire.Ml.Models.Settings;
using Grimoire.Nn.Checkpoints;
using Grimoire.Nn.Optimizers;
using Grimoire.Rl.Agents;
using Grimoire.Rl.Catalogue;
using Grimoire.Rl.Environments;
using Grimoire.Rl.Policies;

namespace Grimoire.Rl.PolicyGradient;

/// <summary>
/// The loop every policy-gradient method here shares: a fixed number of updates (each collects experience and learns
/// from it), progress lines, periodic checkpoints, and resuming. A checkpoint holds the policy and value networks, the
/// optimizer's state, the step and update counts, the sampling generator and every environment copy's generator and
/// state, so a run resumed from one takes the same steps and ends with the same weights, bit for bit, as a run that was
/// never stopped. The run owns the model until <see cref="Train"/> hands it to the agent, and the optimizer until the
/// agent is disposed.
/// </summary>
internal abstract class TrainingRun : IAgentFile
{
    private const string SamplingGenerator = "sampling";
    private const string SettingPrefix = "setting.";
    private const string TotalStepsKey = "run.total_steps", CopiesKey = "run.envs", SeedKey = "run.seed", StepsKey = "run.steps", UpdatesKey = "run.updates";

    protected TrainingRun(string algorithm, RlTrainRequest request, long totalSteps, PolicyGradientSettings settings, PolicyModel model, Optimizer optimizer)
    {
        (Algorithm, Request, TotalSteps, Settings, Model, Optimizer) = (algorithm, request, totalSteps, settings, model, optimizer);
        Sampling = new Rng(unchecked((ulong)request.Seed * 0x9E3779B97F4A7C15UL + 1));
    }

    public string Algorithm { get; }

    public RlTrainRequest Request { get; }

    /// <summary>The environment steps asked for.</summary>
    public long TotalSteps { get; }

    public PolicyGradientSettings Settings { get; }

    public PolicyModel Model { get; }

    public Optimizer Optimizer { get; }

    /// <summary>Draws the actions (and any other sampling of the method).</summary>
    public Rng Sampling { get; }

    /// <summary>Environment steps taken so far.</summary>
    public long Steps { get; protected set; }

    /// <summary>Updates done so far.</summary>
    public int Updates { get; private set; }

    /// <summary>The updates the run makes in all.</summary>
    public abstract int TotalUpdates { get; }

    /// <summary>The finished episodes.</summary>
    protected abstract IReadOnlyList<EpisodeRecord> Episodes { get; }

    /// <summary>Whether the run ends before <see cref="TotalUpdates"/> (REINFORCE: the step budget is spent).</summary>
    protected virtual bool Finished => false;

    /// <summary>Collects experience with the current policy and learns from it, adding the steps taken to <see cref="Steps"/>.</summary>
    protected abstract void Update();

    /// <summary>The environments' state and current observations, for a checkpoint.</summary>
    protected abstract (VectorSnapshot Snapshot, float[] Observations) EnvironmentState();

    /// <summary>Puts the environments back as a checkpoint holds them.</summary>
    protected abstract void RestoreEnvironments(VectorSnapshot snapshot, float[] observations);

    /// <summary>Components per observation.</summary>
    protected abstract int ObservationSize { get; }

    /// <summary>Copies of the environment.</summary>
    protected abstract int Copies { get; }

    /// <summary>The fraction of the run done, from 0 before the first update to 1 after the last (for annealed rates).</summary>
    protected double Progress => (double)Updates / TotalUpdates;

    /// <summary>Runs the remaining updates (all of them, or those after the checkpoint the request resumes from) and hands
    /// the model to the agent.</summary>
    /// <exception cref="CheckpointException">the checkpoint to resume from is damaged or from another run.</exception>
    public PolicyAgent Train(TextWriter? progress)
    {
        if (Request.ResumePath is { } resume) Load(resume);
        var report = new RlProgress(progress, TotalSteps);
        var every = Settings.CheckpointEvery > 0 ? Settings.CheckpointEvery : Math.Max(1, TotalUpdates / 10);
        while (Updates < TotalUpdates && !Finished)
        {
            Update();
            Updates++;
            report.Update(Steps, Episodes);
            if (Request.CheckpointPath is { } path && Updates % every == 0 && Updates < TotalUpdates && !Finished) Save(path);
        }
        return new PolicyAgent(Algorithm, Request.Environment, Model, this) { Training = report.Figures(Steps, Episodes) };
    }

    /// <summary>Writes the whole training state.</summary>
    public void Save(string path)
    {
        var (snapshot, observations) = EnvironmentState();
        var (tensors, generators) = EnvironmentCheckpoint.Write(snapshot, observations);
        try
        {
            generators[SamplingGenerator] = Sampling;
            Checkpoint.Save(path, Model, Optimizer, Metadata(), generators: generators, state: tensors);
        }
        finally
        {
            foreach (var (_, t) in tensors) t.Dispose();
        }
    }

    /// <summary>The metadata every agent file of a policy-gradient method carries: algorithm, environment, settings, and
    /// the run's size, seed and counters.</summary>
    private Dictionary<string, string> Metadata()
    {
        var meta = SettingsMetadata(Algorithm, Request.Environment, Settings);
        meta[TotalStepsKey] = TotalSteps.ToString(CultureInfo.InvariantCulture);
        meta[CopiesKey] = Copies.ToString(CultureInfo.InvariantCulture);
        meta[SeedKey] = Request.Seed.ToString(CultureInfo.InvariantCulture);
        meta[StepsKey] = Steps.ToString(CultureInfo.InvariantCulture);
        meta[UpdatesKey] = Updates.ToString(CultureInfo.InvariantCulture);
        return meta;
    }

    /// <summary>The algorithm, environment and every setting, as "setting.&lt;name&gt;" in `--set` form.</summary>
    public static Dictionary<string, string> SettingsMetadata(string algorithm, EnvironmentEntry environment, PolicyGradientSettings settings)
    {
        var meta = new Dictionary<string, string> { [RlCatalogue.AlgorithmKey] = algorithm, [RlCatalogue.EnvironmentKey] = environment.Name };
        foreach (var s in SettingInfo.Of(settings.GetType())) meta[SettingPrefix + s.Name] = s.Format(s.Get(settings));
        return meta;
    }

    /// <summary>The `--set` pairs stored in an agent file's metadata.</summary>
    public static IEnumerable<string> StoredSettings(IReadOnlyDictionary<string, string> meta) =>
        meta.Where(p => p.Key.StartsWith(SettingPrefix, StringComparison.Ordinal)).Select(p => $"{p.Key[SettingPrefix.Length..]}={p.Value}");

    /// <summary>Restores everything from <paramref name="path"/>, after checking it was written by a run of this algorithm,
    /// environment, settings, size and seed; nothing changes if the file is refused.</summary>
    private void Load(string path)
    {
        var (meta, stored) = SafeTensors.Read(path, "training checkpoint", message => new CheckpointException(message));
        var expected = Metadata();
        foreach (var key in expected.Keys.Where(k => k is not StepsKey and not UpdatesKey))
        {
            if (!meta.TryGetValue(key, out var value)) throw new CheckpointException($"{path}: metadata '{key}' is missing (not a training checkpoint of `grimoire rl train`?)");
            if (value != expected[key])
                throw new CheckpointException($"{path}: the checkpoint's run has {key} = {Excerpt.Of(value)}, this one {expected[key]}; resume with the options of the interrupted run");
        }
        var steps = Counter(path, meta, StepsKey, long.MaxValue);
        var updates = (int)Counter(path, meta, UpdatesKey, TotalUpdates);
        var targets = EnvironmentCheckpoint.Targets(path, stored, Copies, ObservationSize);
        try
        {
            var generators = Enumerable.Range(0, Copies).ToDictionary(EnvironmentCheckpoint.Generator, _ => new Rng(0));
            var sampling = new Rng(0);
            generators[SamplingGenerator] = sampling;
            Checkpoint.Load(path, Model, Optimizer, generators: generators, state: targets);
            var (snapshot, observations) = EnvironmentCheckpoint.Read(targets, generators);
            RestoreEnvironments(snapshot, observations);
            Sampling.State = sampling.State;
            (Steps, Updates) = (steps, updates);
        }
        finally
        {
            foreach (var (_, t) in targets) t.Dispose();
        }
    }

    private static long Counter(string path, IReadOnlyDictionary<string, string> meta, string key, long maximum) =>
        meta.TryGetValue(key, out var text) && long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value <= maximum ? value
            : throw new CheckpointException($"{path}: metadata '{key}' must be an integer from 0 to {maximum}, got {Excerpt.Of(text ?? "nothing")}");

    /// <summary>Frees the optimizer's state (the model belongs to the agent).</summary>
    public void Dispose() => Optimizer.Dispose();
}
