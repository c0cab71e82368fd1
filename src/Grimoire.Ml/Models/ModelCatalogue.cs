using System.Text.Json.Nodes;
using Grimoire.Ml.Models.Clustering;
using Grimoire.Ml.Models.Linear;
using Grimoire.Ml.Models.Logistic;

namespace Grimoire.Ml.Models;

/// <summary>Every model the CLI can fit, by name: each a typed estimator (e.g. <see cref="Ridge"/>) behind an
/// <see cref="EstimatorPlugin{TEstimator, TModel}"/>.</summary>
public static class ModelCatalogue
{
    public static readonly IReadOnlyList<IModelPlugin> All =
    [
        new EstimatorPlugin<LinearRegression, LinearModel>("§2.1–2.4", "regression", LinearModel.Restore),
        new EstimatorPlugin<Ridge, LinearModel>("§2.5", "regression", LinearModel.Restore),
        new EstimatorPlugin<Lasso, LinearModel>("§2.5", "regression", LinearModel.Restore),
        new EstimatorPlugin<ElasticNet, LinearModel>("§2.5", "regression", LinearModel.Restore),
        new EstimatorPlugin<LogisticRegression, LogisticModel>("§3", "classification", LogisticModel.Restore),
        new EstimatorPlugin<KMeans, ClusterModel>("§4", "clustering", s => ClusterModel.Restore(s, manhattan: false)),
        new EstimatorPlugin<KMedians, ClusterModel>("§5", "clustering", s => ClusterModel.Restore(s, manhattan: true)),
    ];

    /// <summary>The model called <paramref name="name"/>, or null.</summary>
    public static IModelPlugin? Named(string name) => All.FirstOrDefault(m => m.Name == name);

    public static IModelPlugin Find(string name) =>
        Named(name)
        ?? throw new ModelException($"unknown model '{name}'; models: {string.Join(", ", All.Select(m => m.Name))}");

    /// <summary>The JSON Schema of <paramref name="name"/>'s settings, as `--set` takes them.</summary>
    public static JsonObject SettingsSchema(string name)
    {
        var plugin = Find(name);
        return Settings.SettingsSchema.Of(plugin.Name, plugin.Settings);
    }
}
