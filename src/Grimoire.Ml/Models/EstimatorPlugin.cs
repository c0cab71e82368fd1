using Grimoire.Ml.Data;
using Grimoire.Ml.Models.Settings;

namespace Grimoire.Ml.Models;

/// <summary>The catalogue entry of a typed estimator: `--set` text is bound to a <typeparamref name="TEstimator"/>
/// (names, defaults and ranges from its properties) and that estimator fits, so the CLI and code share one
/// implementation.</summary>
public sealed class EstimatorPlugin<TEstimator, TModel>(string bookSection, string task, Func<ModelState, TModel> restore) : IModelPlugin
    where TEstimator : IEstimator<TModel>, new()
    where TModel : IFittedModel
{
    public string Name => TEstimator.ModelName;

    public string BookSection { get; } = bookSection;

    public string Task { get; } = task;

    public IReadOnlyList<SettingInfo> Settings => SettingInfo.Of(typeof(TEstimator));

    public IFittedModel Fit(Dataset data, ModelSettings settings) => EstimatorSettings.Bind<TEstimator>(settings, Name).Fit(data);

    public IFittedModel Restore(ModelState state) => restore(state);
}
