using Grimoire.Ml.Models.Clustering;
using Grimoire.Ml.Models.Linear;
using Grimoire.Ml.Models.Logistic;

namespace Grimoire.Ml.Models;

/// <summary>The classical family (book part 1): each a typed estimator (e.g. <see cref="Ridge"/>) behind an
/// <see cref="EstimatorPlugin{TEstimator, TModel}"/>, fitted on a data set.</summary>
public sealed class ClassicalModels : IModelProvider
{
    /// <inheritdoc/>
    public IEnumerable<IModelPlugin> Models =>
    [
        new EstimatorPlugin<LinearRegression, LinearModel>("§2.1–2.4", "regression", "ordinary least squares (normal equations or gradient descent)", "objective", LinearModel.Restore),
        new EstimatorPlugin<Ridge, LinearModel>("§2.5", "regression", "least squares with an L2 penalty", "objective", LinearModel.Restore),
        new EstimatorPlugin<Lasso, LinearModel>("§2.5", "regression", "least squares with an L1 penalty (coordinate descent)", "objective", LinearModel.Restore),
        new EstimatorPlugin<ElasticNet, LinearModel>("§2.5", "regression", "least squares with L1 and L2 penalties (coordinate descent)", "objective", LinearModel.Restore),
        new EstimatorPlugin<LogisticRegression, LogisticModel>("§3", "classification", "binary or multinomial logistic regression", "objective", LogisticModel.Restore),
        new EstimatorPlugin<KMeans, ClusterModel>("§4", "clustering", "k-means (Lloyd, k-means++ seeding)", "inertia", s => ClusterModel.Restore(s, manhattan: false)),
        new EstimatorPlugin<KMedians, ClusterModel>("§5", "clustering", "k-medians (Manhattan distance, coordinate-wise medians)", "inertia", s => ClusterModel.Restore(s, manhattan: true)),
    ];
}
