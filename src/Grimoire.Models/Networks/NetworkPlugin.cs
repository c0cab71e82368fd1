using Grimoire.Ml;
using Grimoire.Ml.Data;
using Grimoire.Ml.Models;
using Grimoire.Ml.Models.Settings;

namespace Grimoire.Models.Networks;

/// <summary>The catalogue entry of a network: `--set` text (and `grimoire train`'s options, made from the same settings)
/// is bound to a <typeparamref name="TTrainer"/>, which trains on its own data; a saved model is rebuilt from its stored
/// settings and its weights loaded after every array is checked. Restored models live on the CPU.</summary>
public sealed class NetworkPlugin<TTrainer> : IModelPlugin where TTrainer : NetworkTrainer, new()
{
    private readonly TTrainer _defaults = new();

    /// <inheritdoc/>
    public string Name => _defaults.Name;

    /// <inheritdoc/>
    public string BookSection => _defaults.BookSection;

    /// <inheritdoc/>
    public string Family => _defaults.Family;

    /// <inheritdoc/>
    public string Task => _defaults.Task;

    /// <inheritdoc/>
    public string Summary => _defaults.Summary;

    /// <inheritdoc/>
    public string Metric => _defaults.Metric;

    /// <inheritdoc/>
    public bool HigherIsBetter => true;

    /// <inheritdoc/>
    public string? TrainingData => _defaults.TrainingData;

    /// <inheritdoc/>
    public IReadOnlyList<SettingInfo> Settings => SettingInfo.Of(typeof(TTrainer));

    /// <inheritdoc/>
    public IFittedModel Fit(Dataset? data, ModelSettings settings, TextWriter? progress = null)
    {
        var trainer = EstimatorSettings.Bind<TTrainer>(settings, Name);
        if (data is not null)
            throw new ModelException($"{Name} trains on its own data ({TrainingData}); it takes no data set (use `grimoire train {Name}`)");
        return trainer.Train(progress);
    }

    /// <inheritdoc/>
    public IFittedModel Restore(ModelState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        TTrainer trainer;
        try
        {
            trainer = EstimatorSettings.Bind<TTrainer>(new ModelSettings(NetworkModel.StoredSettings(state)), Name);
        }
        catch (ModelException e)
        {
            throw state.Invalid($"stored settings: {e.Message}");
        }
        if (!state.Features.SequenceEqual(trainer.Input.Features))
            throw state.Invalid($"its {state.Features.Count} feature names are not the {trainer.Input.Features.Count} that {Name} predicts from");
        var report = NetworkModel.StoredReport(state);
        var network = trainer.Build(new Rng(0));
        try
        {
            NetworkState.Load(network, state);
        }
        catch
        {
            network.Dispose();
            throw;
        }
        return new NetworkModel(Name, Metric, trainer.Input, network, Device.Cpu, report, trainer.SettingValues());
    }
}
