using System.Globalization;
using Grimoire.IO;
using Grimoire.Ml;
using Grimoire.Ml.Models;
using Grimoire.Ml.Models.Settings;
using Grimoire.Nn.Checkpoints;
using Grimoire.Nn.Optimizers;
using Grimoire.Rl.Agents;
using Grimoire.Rl.Catalogue;

namespace Grimoire.Rl.Imitation;

/// <summary>
/// Imitation learning in the catalogue (book §22–24): behaviour cloning with a Gaussian (`bc-gaussian`), mixture-density
/// (`bc-mdn`) or categorical (`bc-categorical`) policy, and DAgger (`dagger`). Each needs a scripted expert for the
/// environment (cartpole, obstacle). `--steps` is the label budget: behaviour cloning spends it on the expert's own
/// episodes; DAgger on the expert's episodes in its first round and on the learner's, labelled by the expert, in the
/// rest, refitting after each round. Runs take seconds and do not resume.
/// </summary>
public sealed class ImitationAlgorithm : IRlAlgorithm
{
    /// <summary>The checkpoint's name for the run's generator.</summary>
    internal const string GeneratorName = "imitation";
    private const string Prefix = "imitation.";
    private const string SettingPrefix = "setting.";
    private readonly bool _dagger;
    private readonly PolicyKind _policy;
    private readonly Type _settingsType;
    private readonly Func<ModelSettings, string, ImitationSettings> _bind;

    private ImitationAlgorithm(string name, string section, string summary, bool dagger, PolicyKind policy, Type settingsType, Func<ModelSettings, string, ImitationSettings> bind)
    {
        (Name, BookSection, Summary, _dagger, _policy, _settingsType, _bind) = (name, section, summary, dagger, policy, settingsType, bind);
    }

    private enum PolicyKind
    {
        Categorical,
        Gaussian,
        Mixture,
        ByActionSpace,
    }

    /// <summary>Behaviour cloning with one Gaussian: averages a two-route expert into the obstacle.</summary>
    public static ImitationAlgorithm GaussianCloning { get; } = new("bc-gaussian", "§22, §23.1",
        "behaviour cloning, Gaussian policy (one mode: averages a bimodal expert)", false, PolicyKind.Gaussian,
        typeof(ImitationSettings), (s, n) => EstimatorSettings.Bind<ImitationSettings>(s, n));

    /// <summary>Behaviour cloning with a mixture of Gaussians: keeps both routes.</summary>
    public static ImitationAlgorithm MixtureCloning { get; } = new("bc-mdn", "§22.2, §23.1",
        "behaviour cloning, mixture-density policy (keeps every mode of the expert)", false, PolicyKind.Mixture,
        typeof(MixtureSettings), (s, n) => EstimatorSettings.Bind<MixtureSettings>(s, n));

    /// <summary>Behaviour cloning of discrete actions with a softmax policy.</summary>
    public static ImitationAlgorithm CategoricalCloning { get; } = new("bc-categorical", "§22",
        "behaviour cloning, softmax policy over discrete actions", false, PolicyKind.Categorical,
        typeof(ImitationSettings), (s, n) => EstimatorSettings.Bind<ImitationSettings>(s, n));

    /// <summary>DAgger: the expert labels the states the learner reaches.</summary>
    public static ImitationAlgorithm Dagger { get; } = new("dagger", "§24",
        "DAgger: the expert labels the learner's own states, rounds of aggregation", true, PolicyKind.ByActionSpace,
        typeof(DaggerSettings), (s, n) => EstimatorSettings.Bind<DaggerSettings>(s, n));

    /// <inheritdoc/>
    public string Name { get; }

    /// <inheritdoc/>
    public string BookSection { get; }

    /// <inheritdoc/>
    public string Summary { get; }

    /// <inheritdoc/>
    public string ActionSpaces => _policy switch
    {
        PolicyKind.Categorical => "discrete",
        PolicyKind.ByActionSpace => "discrete, continuous",
        _ => "continuous",
    };

    /// <inheritdoc/>
    public IReadOnlyList<SettingInfo> Settings => SettingInfo.Of(_settingsType);

    /// <inheritdoc/>
    public string? CannotLearn(EnvironmentEntry environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        if (_policy == PolicyKind.Categorical && !environment.IsDiscrete)
            return $"{Name} needs discrete actions; {environment.Name} has continuous actions {environment.ActionSpace.Describe()} (use bc-gaussian or bc-mdn)";
        if (_policy is PolicyKind.Gaussian or PolicyKind.Mixture && environment.IsDiscrete)
            return $"{Name} needs continuous actions; {environment.Name} has discrete actions {environment.ActionSpace.Describe()} (use bc-categorical)";
        return ImitationTask.NoExpert(environment) is { } why ? $"{Name}: {why}" : null;
    }

    /// <summary>Expert labels: 2000 on CartPole (four expert episodes), 1000 on the obstacle course (about 40).</summary>
    public long DefaultSteps(EnvironmentEntry environment) => environment?.Name == "cartpole" ? 2_000 : 1_000;

    /// <inheritdoc/>
    public RlAgent Train(RlTrainRequest request, TextWriter? progress = null)
    {
        ArgumentNullException.ThrowIfNull(request);
        request.Validate();
        if (CannotLearn(request.Environment) is { } why) throw new ModelException(why);
        if (request.ResumePath is not null) throw new ModelException($"{Name} trains in seconds and does not resume from a checkpoint; run it again without --resume");
        if (request.Envs != 1) throw new ModelException($"{Name} collects its episodes one at a time; --envs must be 1, got {request.Envs}");
        var settings = _bind(request.Settings, Name);
        var labels = request.Steps ?? DefaultSteps(request.Environment);
        var rounds = settings is DaggerSettings d ? d.Rounds : 1;
        if (labels > int.MaxValue || labels < rounds) throw new ModelException($"{Name}: --steps, the label budget, must be between {rounds} (one per round) and {int.MaxValue}, got {labels}");
        var task = ImitationTask.For(request.Environment, request.Seed);
        var random = new Rng((ulong)request.Seed);
        var learner = new ImitationLearner(task, Policy(request.Environment, settings, random), settings, random, request.Seed);
        try
        {
            var report = new RlProgress(progress, labels);
            var perRound = (int)(labels / rounds);
            for (var round = 0; round < rounds; round++)
            {
                learner.Collect(round == 0 ? (int)labels - perRound * (rounds - 1) : perRound, expertActs: round == 0);
                learner.Fit();
                report.Update(learner.Data.Count, learner.Episodes);
            }
            var figures = report.Figures(learner.Data.Count, learner.Episodes);
            return new ImitationAgent(Name, request.Environment, learner.Policy, learner.Optimizer, random, Metadata(request, settings, figures)) { Training = figures };
        }
        catch
        {
            learner.Dispose();
            throw;
        }
    }

    /// <inheritdoc/>
    public RlAgent Load(string path, EnvironmentEntry environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        if (CannotLearn(environment) is { } why) throw new CheckpointException($"{path}: {why}");
        var (meta, _) = SafeTensors.Read(path, "agent checkpoint", message => new CheckpointException(message));
        string Meta(string key) => meta.TryGetValue(key, out var v) ? v : throw new CheckpointException($"{path}: metadata '{key}' is missing");
        if (Meta(RlCatalogue.AlgorithmKey) != Name) throw new CheckpointException($"{path}: holds a {Excerpt.Of(Meta(RlCatalogue.AlgorithmKey))} agent, not {Name}");
        if (Meta(RlCatalogue.EnvironmentKey) != environment.Name) throw new CheckpointException($"{path}: was trained on {Excerpt.Of(Meta(RlCatalogue.EnvironmentKey))}, not {environment.Name}");
        ImitationSettings settings;
        try
        {
            settings = _bind(new ModelSettings(meta.Where(p => p.Key.StartsWith(SettingPrefix, StringComparison.Ordinal)).Select(p => $"{p.Key[SettingPrefix.Length..]}={p.Value}")), Name);
        }
        catch (ModelException e)
        {
            throw new CheckpointException($"{path}: {e.Message}");
        }
        double Number(string key) => double.TryParse(Meta(Prefix + key), NumberStyles.Float, CultureInfo.InvariantCulture, out var v)
            ? v : throw new CheckpointException($"{path}: metadata '{Prefix}{key}' is not a number");
        var random = new Rng(0);
        var policy = Policy(environment, settings, random);
        var optimizer = new Adam(policy.Parameters(), settings.LearningRate);
        try
        {
            Checkpoint.Load(path, policy, optimizer, generators: new Dictionary<string, Rng> { [GeneratorName] = random });
            var figures = new TrainingFigures((long)Number("steps"), (int)Number("episodes"), Number("mean_return"), Number("seconds"));
            return new ImitationAgent(Name, environment, policy, optimizer, random, meta.Where(p => !Reserved(p.Key)).ToDictionary()) { Training = figures };
        }
        catch
        {
            optimizer.Dispose();
            policy.Dispose();
            throw;
        }
    }

    private ImitationPolicy Policy(EnvironmentEntry environment, ImitationSettings settings, Rng random)
    {
        var observations = ((Spaces.BoxSpace)environment.ObservationSpace).Dimension;
        var kind = _policy == PolicyKind.ByActionSpace ? (environment.IsDiscrete ? PolicyKind.Categorical : PolicyKind.Mixture) : _policy;
        return kind switch
        {
            PolicyKind.Categorical => new CategoricalPolicy(observations, ((Spaces.DiscreteSpace)environment.ActionSpace).Count, settings.Hidden, random),
            PolicyKind.Gaussian => new GaussianPolicy(observations, ((Spaces.BoxSpace)environment.ActionSpace).Dimension, settings.Hidden, random),
            _ => new MixtureDensityPolicy(observations, ((Spaces.BoxSpace)environment.ActionSpace).Dimension, ((MixtureSettings)settings).Components, settings.Hidden, random),
        };
    }

    private Dictionary<string, string> Metadata(RlTrainRequest request, ImitationSettings settings, TrainingFigures figures)
    {
        var metadata = new Dictionary<string, string>
        {
            [RlCatalogue.AlgorithmKey] = Name,
            [RlCatalogue.EnvironmentKey] = request.Environment.Name,
            [Prefix + "seed"] = request.Seed.ToString(CultureInfo.InvariantCulture),
            [Prefix + "steps"] = figures.Steps.ToString(CultureInfo.InvariantCulture),
            [Prefix + "episodes"] = figures.Episodes.ToString(CultureInfo.InvariantCulture),
            [Prefix + "mean_return"] = figures.MeanReturn.ToString("R", CultureInfo.InvariantCulture),
            [Prefix + "seconds"] = figures.Seconds.ToString("R", CultureInfo.InvariantCulture),
        };
        foreach (var s in Settings) metadata[SettingPrefix + s.Name] = s.Format(s.Get(settings));
        return metadata;
    }

    /// <summary>The keys a checkpoint writes itself, which an agent's metadata must not repeat when saved again.</summary>
    private static bool Reserved(string key) => key is "format" or "version" || key.StartsWith("optimizer", StringComparison.Ordinal) || key.StartsWith("rng.", StringComparison.Ordinal);
}
