using Grimoire.Ml.Data;

namespace Grimoire.Ml.Models;

/// <summary>A typed, scikit-learn-style estimator: its settings are init properties (see
/// <see cref="Settings.SettingAttribute"/>), and fitting returns a fitted <typeparamref name="TModel"/>.
/// <see cref="EstimatorPlugin{TEstimator, TModel}"/> puts one in the catalogue.</summary>
public interface IEstimator<out TModel> where TModel : IFittedModel
{
    /// <summary>The catalogue and CLI name, which the fitted model and its saved file carry, e.g. "ridge".</summary>
    static abstract string ModelName { get; }

    /// <summary>Fits on <paramref name="data"/> (features X, and the target y when supervised).</summary>
    TModel Fit(Dataset data);
}

/// <summary>A supervised estimator: fits X [n, d] against a target y [n].</summary>
public abstract class SupervisedEstimator<TModel> where TModel : IFittedModel
{
    /// <inheritdoc cref="IEstimator{TModel}.Fit"/>
    public abstract TModel Fit(Dataset data);

    /// <summary>Fits on features <paramref name="x"/> and target <paramref name="y"/> (float32 or float64 arrays, spans or
    /// tensors); features are named x0, x1, …</summary>
    public TModel Fit(InputMatrix x, InputVector y)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        using var data = x.WithTarget(y);
        return Fit(data);
    }
}

/// <summary>An unsupervised estimator: fits X [n, d] alone.</summary>
public abstract class UnsupervisedEstimator<TModel> where TModel : IFittedModel
{
    /// <inheritdoc cref="IEstimator{TModel}.Fit"/>
    public abstract TModel Fit(Dataset data);

    /// <summary>Fits on features <paramref name="x"/> (float32 or float64 arrays, spans or tensors); features are named
    /// x0, x1, …</summary>
    public TModel Fit(InputMatrix x)
    {
        ArgumentNullException.ThrowIfNull(x);
        using var data = x.WithTarget(null);
        return Fit(data);
    }
}
