using Grimoire.Ml.Models.Clustering;
using Grimoire.Ml.Models.Linear;
using Grimoire.Ml.Models.Logistic;

namespace Grimoire.Ml.Models;

/// <summary>Every model the CLI can fit, by name.</summary>
public static class ModelCatalogue
{
    public static readonly IReadOnlyList<IModelPlugin> All =
    [
        new LinearRegressionPlugin(),
        new RidgePlugin(),
        new LassoPlugin(),
        new ElasticNetPlugin(),
        new LogisticRegressionPlugin(),
        new KMeansPlugin(),
        new KMediansPlugin(),
    ];

    /// <summary>The model called <paramref name="name"/>, or null.</summary>
    public static IModelPlugin? Named(string name) => All.FirstOrDefault(m => m.Name == name);

    public static IModelPlugin Find(string name) =>
        Named(name)
        ?? throw new ModelException($"unknown model '{name}'; models: {string.Join(", ", All.Select(m => m.Name))}");
}
