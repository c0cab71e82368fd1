using System.Diagnostics;
using System.Globalization;
using Grimoire.IO;
using Grimoire.Ml;
using Grimoire.Ml.Models;
using Grimoire.Ml.Models.Settings;
using Grimoire.Nn.Checkpoints;
using Grimoire.Rl.Agents;
using Grimoire.Rl.Catalogue;

namespace Grimoire.Rl.ValueBased;

/// <summary>
/// One deep Q-learning run (book §27–28): act ε-greedily in K copies of the environment, store every transition, and
/// every <see cref="DqnSettings.TrainFrequency"/> steps (once <see cref="DqnSettings.LearningStarts"/> have passed)
/// take <see cref="DqnSettings.GradientSteps"/> gradient steps at a learning rate decaying linearly over the run. Its
/// whole state — both networks, Adam's moments and step, the generator, the replay buffer, the episodes in progress and
/// the counters — goes into one checkpoint, so a run resumed from one ends exactly as an uninterrupted run does, and the
/// same file is the trained agent.
/// </summary>
internal sealed class DqnRun : IDisposable
{
    private const string Prefix = "dqn.";
    private const string SettingPrefix = "setting.";
    private readonly SeededEpisodes _episodes;
    private double _earlierSeconds;
    private Stopwatch? _clock;

    private DqnRun(EnvironmentEntry environment, DqnSettings settings, int seed, int envs, long totalSteps)
    {
        (Environment, Settings, Seed, Envs, TotalSteps) = (environment, settings, seed, envs, totalSteps);
        _episodes = new SeededEpisodes(environment.MakeDiscrete!, envs, seed);
        Learner = new DqnLearner(settings, _episodes.ObservationSize, ((Spaces.DiscreteSpace)environment.ActionSpace).Count, seed);
    }

    /// <summary>The environment learnt.</summary>
    public EnvironmentEntry Environment { get; }

    /// <summary>The run's settings.</summary>
    public DqnSettings Settings { get; }

    /// <summary>Seeds the weights, exploration, sampling and the episodes.</summary>
    public int Seed { get; }

    /// <summary>Copies of the environment stepped together.</summary>
    public int Envs { get; }

    /// <summary>Steps the run takes in all (the schedules are fractions of it).</summary>
    public long TotalSteps { get; }

    /// <summary>Environment steps taken.</summary>
    public long Steps { get; private set; }

    /// <summary>Training rounds due so far (one per <see cref="DqnSettings.TrainFrequency"/> steps).</summary>
    public long Rounds { get; private set; }

    /// <summary>The networks, optimizer, buffer and generator.</summary>
    public DqnLearner Learner { get; }

    /// <summary>Steps, episodes, mean return of the last 20 episodes and training seconds so far.</summary>
    public TrainingFigures Figures => new(Steps, _episodes.Episodes.Count, RlProgress.RecentMean(_episodes.Episodes), Seconds);

    private double Seconds => _earlierSeconds + (_clock?.Elapsed.TotalSeconds ?? 0);

    /// <summary>A fresh run for <paramref name="environment"/>.</summary>
    public static DqnRun Start(EnvironmentEntry environment, DqnSettings settings, int seed, int envs, long totalSteps) =>
        new(environment, settings, seed, envs, totalSteps);

    /// <summary>Carries the run on until <see cref="TotalSteps"/>, printing progress and, with a
    /// <paramref name="checkpointPath"/>, saving a checkpoint every <see cref="DqnSettings.CheckpointEvery"/> steps.</summary>
    public void Train(TextWriter? progressWriter, string? checkpointPath)
    {
        var s = Settings;
        var progress = new RlProgress(progressWriter, TotalSteps);
        var epsilon = new LinearSchedule(s.EpsilonStart, s.EpsilonEnd, (long)(s.ExplorationFraction * TotalSteps));
        var d = _episodes.ObservationSize;
        _clock = Stopwatch.StartNew();
        while (Steps < TotalSteps)
        {
            var observations = (float[])_episodes.Observations.Clone();
            var actions = Learner.Act(observations, epsilon.At(Steps));
            var (next, rewards, terminated) = _episodes.Step(actions);
            for (var i = 0; i < Envs; i++)
                Learner.Buffer.Add(observations.AsSpan(i * d, d), actions[i], rewards[i], next.AsSpan(i * d, d), terminated[i]);
            var before = Steps;
            Steps += Envs;
            while (Rounds < Steps / s.TrainFrequency)
            {
                Rounds++;
                if (Steps >= s.LearningStarts) Learn();
            }
            if (checkpointPath is not null && Steps < TotalSteps && Steps / s.CheckpointEvery > before / s.CheckpointEvery) Save(checkpointPath);
            progress.Update(Steps, _episodes.Episodes);
        }
    }

    /// <summary>Writes the whole run (a trained agent, or a run to resume).</summary>
    public void Save(string path)
    {
        var (episodeMetadata, episodeTensors) = _episodes.Save();
        var state = Learner.Buffer.ToTensors().Concat(episodeTensors).ToList();
        try
        {
            var metadata = new Dictionary<string, string>(episodeMetadata)
            {
                [RlCatalogue.AlgorithmKey] = DqnAlgorithm.AlgorithmName,
                [RlCatalogue.EnvironmentKey] = Environment.Name,
                [Prefix + "seed"] = Text(Seed),
                [Prefix + "envs"] = Text(Envs),
                [Prefix + "total_steps"] = Text(TotalSteps),
                [Prefix + "steps"] = Text(Steps),
                [Prefix + "rounds"] = Text(Rounds),
                [Prefix + "gradient_steps"] = Text(Learner.GradientSteps),
                [Prefix + "seconds"] = Seconds.ToString("R", CultureInfo.InvariantCulture),
                ["replay.count"] = Text(Learner.Buffer.Count),
                ["replay.position"] = Text(Learner.Buffer.Position),
            };
            foreach (var (name, value) in SettingValues(Settings)) metadata[SettingPrefix + name] = value;
            Checkpoint.Save(path, Learner.Networks, Learner.Optimizer, metadata, generators: Generators(), state: state);
        }
        finally
        {
            foreach (var (_, tensor) in state) tensor.Dispose();
        }
    }

    /// <summary>The run saved at <paramref name="path"/>, every part restored.</summary>
    /// <exception cref="CheckpointException">a damaged file, one of another algorithm or environment, or settings or
    /// counters that are out of range.</exception>
    public static DqnRun Load(string path, EnvironmentEntry environment)
    {
        var (meta, _) = SafeTensors.Read(path, "agent checkpoint", message => new CheckpointException(message));
        string Meta(string key) => meta.TryGetValue(key, out var v) ? v : throw new CheckpointException($"{path}: metadata '{key}' is missing");
        if (Meta(RlCatalogue.AlgorithmKey) != DqnAlgorithm.AlgorithmName) throw new CheckpointException($"{path}: holds a {Excerpt.Of(Meta(RlCatalogue.AlgorithmKey))} agent, not dqn");
        if (Meta(RlCatalogue.EnvironmentKey) != environment.Name) throw new CheckpointException($"{path}: was trained on {Excerpt.Of(Meta(RlCatalogue.EnvironmentKey))}, not {environment.Name}");
        DqnSettings settings;
        try
        {
            settings = EstimatorSettings.Bind<DqnSettings>(new ModelSettings(meta.Where(p => p.Key.StartsWith(SettingPrefix, StringComparison.Ordinal))
                .Select(p => $"{p.Key[SettingPrefix.Length..]}={p.Value}")), DqnAlgorithm.AlgorithmName);
        }
        catch (ModelException e)
        {
            throw new CheckpointException($"{path}: {e.Message}");
        }
        long Count(string key, long max) => long.TryParse(Meta(key), NumberStyles.None, CultureInfo.InvariantCulture, out var v) && v <= max
            ? v : throw new CheckpointException($"{path}: metadata '{key}' must be an integer from 0 to {max}, got {Excerpt.Of(Meta(key))}");
        var (seed, envs, total) = ((int)Count(Prefix + "seed", int.MaxValue), (int)Count(Prefix + "envs", 4096), Count(Prefix + "total_steps", long.MaxValue / 2));
        if (envs < 1 || total < 1) throw new CheckpointException($"{path}: a run needs at least one copy and one step");
        var run = new DqnRun(environment, settings, seed, envs, total);
        var state = run.Learner.Buffer.ToTensors().Concat(run._episodes.EmptyState((int)Count("episodes.finished", int.MaxValue))).ToList();
        try
        {
            Checkpoint.Load(path, run.Learner.Networks, run.Learner.Optimizer, generators: run.Generators(), state: state);
            try
            {
                run.Learner.Buffer.Restore(state, (int)Count("replay.count", int.MaxValue), (int)Count("replay.position", int.MaxValue));
            }
            catch (ArgumentOutOfRangeException e)
            {
                throw new CheckpointException($"{path}: {e.Message}");
            }
            run._episodes.Restore(path, meta, state);
            (run.Steps, run.Rounds, run.Learner.GradientSteps) = (Count(Prefix + "steps", total + envs), Count(Prefix + "rounds", long.MaxValue), Count(Prefix + "gradient_steps", long.MaxValue));
            run._earlierSeconds = double.TryParse(Meta(Prefix + "seconds"), NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) && seconds >= 0
                ? seconds : throw new CheckpointException($"{path}: metadata '{Prefix}seconds' is not a duration");
            return run;
        }
        catch
        {
            run.Dispose();
            throw;
        }
        finally
        {
            foreach (var (_, tensor) in state) tensor.Dispose();
        }
    }

    /// <summary>Each setting's value as `--set` writes it.</summary>
    public static IReadOnlyDictionary<string, string> SettingValues(DqnSettings settings) =>
        SettingInfo.Of(typeof(DqnSettings)).ToDictionary(s => s.Name, s => s.Format(s.Get(settings)));

    /// <summary>Frees the networks.</summary>
    public void Dispose() => Learner.Dispose();

    private void Learn()
    {
        var progress = Math.Min(1.0, (double)Steps / TotalSteps);
        Learner.Optimizer.LearningRate = Settings.LearningRate * (1 - (1 - Settings.LearningRateFinalFraction) * progress);
        for (var g = 0; g < Settings.GradientSteps; g++) Learner.GradientStep();
    }

    private Dictionary<string, Rng> Generators() => new() { ["dqn"] = Learner.Random };

    private static string Text(long value) => value.ToString(CultureInfo.InvariantCulture);
}
