using Grimoire.IO;
using Grimoire.Ml;
using Grimoire.Ml.Models;
using Grimoire.Ml.Models.Settings;
using Grimoire.Nn.Checkpoints;
using Grimoire.Rl.Agents;
using Grimoire.Rl.Catalogue;
using Grimoire.Rl.Policies;
using Grimoire.Rl.Spaces;

namespace Grimoire.Rl.PolicyGradient;

/// <summary>What REINFORCE, the natural policy gradient and PPO share as catalogue entries: typed settings bound from
/// `--set`, either kind of action space (a categorical or a Gaussian policy), training through a <see cref="TrainingRun"/>,
/// and loading a saved agent by rebuilding its networks from the settings it stored.</summary>
public abstract class PolicyGradientAlgorithm<TSettings> : IRlAlgorithm where TSettings : PolicyGradientSettings, new()
{
    /// <inheritdoc/>
    public abstract string Name { get; }

    /// <inheritdoc/>
    public abstract string BookSection { get; }

    /// <inheritdoc/>
    public abstract string Summary { get; }

    /// <inheritdoc/>
    public string ActionSpaces => "discrete, continuous";

    /// <inheritdoc/>
    public IReadOnlyList<SettingInfo> Settings => SettingInfo.Of(typeof(TSettings));

    /// <inheritdoc/>
    public string? CannotLearn(EnvironmentEntry environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        return environment.ObservationSpace is BoxSpace ? null : $"{Name} needs vector observations; {environment.Name} gives {environment.ObservationSpace.Describe()}";
    }

    /// <inheritdoc/>
    public abstract long DefaultSteps(EnvironmentEntry environment);

    /// <inheritdoc/>
    public RlAgent Train(RlTrainRequest request, TextWriter? progress = null)
    {
        ArgumentNullException.ThrowIfNull(request);
        request.Validate();
        if (CannotLearn(request.Environment) is { } why) throw new ModelException(why);
        var settings = Bind(request.Settings, request.Environment);
        Check(settings);
        var run = CreateRun(request, request.Steps ?? DefaultSteps(request.Environment), settings);
        try
        {
            return run.Train(progress);
        }
        catch
        {
            run.Model.Dispose();
            run.Dispose();
            throw;
        }
    }

    /// <inheritdoc/>
    public RlAgent Load(string path, EnvironmentEntry environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var (meta, _) = SafeTensors.Read(path, "agent checkpoint", message => new CheckpointException(message));
        TSettings settings;
        try
        {
            settings = EstimatorSettings.Bind<TSettings>(new ModelSettings(TrainingRun.StoredSettings(meta)), Name);
        }
        catch (ModelException e)
        {
            throw new CheckpointException($"{path}: the stored settings do not fit {Name}: {e.Message}");
        }
        var model = BuildModel(environment, settings, new Rng(0));
        try
        {
            var stored = Checkpoint.Load(path, model);
            return new PolicyAgent(Name, environment, model, new SavedAgentFile(model, stored));
        }
        catch
        {
            model.Dispose();
            throw;
        }
    }

    /// <summary>The settings for a run in <paramref name="environment"/>: <paramref name="settings"/> over the defaults.</summary>
    /// <exception cref="ModelException">an unknown key or a value out of range.</exception>
    protected virtual TSettings Bind(ModelSettings settings, EnvironmentEntry environment) => EstimatorSettings.Bind<TSettings>(settings, Name);

    /// <summary>Checks what the settings' ranges cannot (one setting against another).</summary>
    /// <exception cref="ModelException">settings that do not fit together.</exception>
    protected virtual void Check(TSettings settings)
    {
    }

    /// <summary>Whether the method learns a value network with these settings.</summary>
    protected abstract bool HasValue(TSettings settings);

    /// <summary>The untrained networks for <paramref name="environment"/>.</summary>
    protected PolicyModel BuildModel(EnvironmentEntry environment, TSettings settings, Rng rng) =>
        PolicyModel.For(environment, settings.Hidden, settings.Layers, HasValue(settings), settings.LogStdInit, rng);

    /// <summary>The run that trains an agent for <paramref name="request"/>.</summary>
    private protected abstract TrainingRun CreateRun(RlTrainRequest request, long totalSteps, TSettings settings);

    /// <summary>Saves a loaded agent's networks with the metadata they came with.</summary>
    private sealed class SavedAgentFile(PolicyModel model, IReadOnlyDictionary<string, string> metadata) : IAgentFile
    {
        public void Save(string path) => Checkpoint.Save(path, model, metadata: metadata);

        public void Dispose()
        {
        }
    }
}
