using Grimoire.Ml.Data;
using Grimoire.Ml.Kernels;
using Grimoire.Ml.Models.Settings;

namespace Grimoire.Ml.Models;

/// <summary>The catalogue entry of a typed estimator: `--set` text is bound to a <typeparamref name="TEstimator"/>
/// (names, defaults and ranges from its properties) and that estimator fits, so the CLI and code share one
/// implementation. Its metric is a field of the fitted model's report that a smaller value improves.</summary>
public sealed class EstimatorPlugin<TEstimator, TModel>(string bookSection, string task, string summary, string metric, Func<ModelState, TModel> restore) : IModelPlugin
    where TEstimator : IEstimator<TModel>, new()
    where TModel : IFittedModel
{
    /// <inheritdoc/>
    public string Name => TEstimator.ModelName;

    /// <inheritdoc/>
    public string BookSection { get; } = bookSection;

    /// <inheritdoc/>
    public string Family => "classical";

    /// <inheritdoc/>
    public string Task { get; } = task;

    /// <inheritdoc/>
    public string Summary { get; } = summary;

    /// <inheritdoc/>
    public string Metric { get; } = metric;

    /// <inheritdoc/>
    public bool HigherIsBetter => false;

    /// <inheritdoc/>
    public string? TrainingData => null;

    /// <inheritdoc/>
    public IReadOnlyList<SettingInfo> Settings => SettingInfo.Of(typeof(TEstimator));

    /// <inheritdoc/>
    public IFittedModel Fit(Dataset? data, ModelSettings settings, TextWriter? progress = null) =>
        EstimatorSettings.Bind<TEstimator>(settings, Name).Fit(data ?? throw new ModelException($"{Name} needs a data set to fit (--data FILE or a built-in name)"));

    /// <inheritdoc/>
    public void PrepareKernels() => KernelPreparation.For(typeof(TEstimator));

    /// <inheritdoc/>
    public IFittedModel Restore(ModelState state) => restore(state);
}
