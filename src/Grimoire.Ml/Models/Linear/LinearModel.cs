using System.Text.Json;

namespace Grimoire.Ml.Models.Linear;

/// <summary>A fitted linear regression y ≈ X·coef + intercept, with the fit's iteration count and objective
/// (reported as scikit-learn defines it for the model).</summary>
public sealed class LinearModel(string model, IReadOnlyList<string> features, double[] coef, double intercept, int iterations, double objective) : IFittedModel
{
    /// <inheritdoc/>
    public string Model { get; } = model;

    /// <inheritdoc/>
    public IReadOnlyList<string> Features { get; } = features;

    /// <summary>One coefficient per feature, in <see cref="Features"/> order.</summary>
    public double[] Coef { get; } = coef;

    /// <summary>The intercept b (0 when the fit went through the origin).</summary>
    public double Intercept { get; } = intercept;

    /// <summary>Coordinate-descent epochs for the lasso and elastic net; 1 for the closed-form fits.</summary>
    public int Iterations { get; } = iterations;

    /// <summary>The objective at the solution as the estimator defines it: ‖y − Xw − b‖² (+ α‖w‖² for ridge), or
    /// scikit-learn's per-sample elastic-net objective for the lasso and elastic net.</summary>
    public double Objective { get; } = objective;

    /// <inheritdoc/>
    public void WriteFitFields(Utf8JsonWriter json)
    {
        json.WriteStartArray("coef");
        foreach (var c in Coef) json.WriteNumberValue(c);
        json.WriteEndArray();
        json.WriteNumber("intercept", Intercept);
        json.WriteNumber("n_iter", Iterations);
        json.WriteNumber("objective", Objective);
    }

    /// <summary>X·coef + intercept for each row of <paramref name="x"/> (float32 or float64 arrays, spans or tensors,
    /// with the fitted number of columns).</summary>
    public double[] Predict(InputMatrix x)
    {
        ArgumentNullException.ThrowIfNull(x);
        using var rows = x.ForModel(Features);
        using var w = Tensor.FromArray(Coef, new Shape(Coef.Length, 1));
        using var product = rows.MatMul(w);
        return product.ToDoubleArray().Select(v => v + Intercept).ToArray();
    }

    /// <summary>The catalogue's form of <see cref="Predict(InputMatrix)"/>.</summary>
    public Prediction Predict(Tensor x) => new(Predict((InputMatrix)x));

    /// <inheritdoc/>
    public ModelState Save() => new(Model, Features,
        new Dictionary<string, string> { ["n_iter"] = Iterations.ToString(System.Globalization.CultureInfo.InvariantCulture), ["objective"] = Objective.ToString("R", System.Globalization.CultureInfo.InvariantCulture) },
        new Dictionary<string, ModelArray> { ["coef"] = ModelArray.Vector(Coef), ["intercept"] = ModelArray.Vector([Intercept]) });

    /// <summary>The model in <paramref name="s"/>, checked: one finite coefficient per feature, one finite intercept.</summary>
    public static LinearModel Restore(ModelState s)
    {
        s.RequireOnlyArrays("coef", "intercept");
        return new(s.Model, s.Features, s.Vector("coef", s.Features.Count), s.Vector("intercept", 1)[0], s.Count("n_iter"), s.Number("objective"));
    }
}
