using System.Globalization;
using System.Text.Json;

namespace Grimoire.Ml.Models.Logistic;

/// <summary>A fitted logistic regression in scikit-learn's layout: one coef row and intercept per class, or a single
/// row for two classes (the decision for classes[1]). Probabilities depend on how it was fitted: a softmax over the
/// rows for multinomial (with logits [−z, z] for a single row, as scikit-learn), normalised sigmoids for
/// one-vs-rest. Predicts the most probable class's label.</summary>
public sealed class LogisticModel(string model, IReadOnlyList<string> features, double[] classes, double[][] coef, double[] intercept, bool multinomial, int iterations, double objective) : IFittedModel
{
    /// <inheritdoc/>
    public string Model { get; } = model;

    /// <inheritdoc/>
    public IReadOnlyList<string> Features { get; } = features;

    /// <summary>The class labels, ascending: the order of probability columns.</summary>
    public double[] Classes { get; } = classes;

    /// <summary>Coefficient rows [outputs][features]: one per class, or one (for <c>Classes[1]</c>) with two classes.</summary>
    public double[][] Coef { get; } = coef;

    /// <summary>One intercept per coefficient row.</summary>
    public double[] Intercept { get; } = intercept;

    /// <summary>Whether it was fitted as one softmax (true) or as one-vs-rest binary problems (false).</summary>
    public bool Multinomial { get; } = multinomial;

    /// <summary>Solver iterations; for one-vs-rest the most any binary problem took.</summary>
    public int Iterations { get; } = iterations;

    /// <summary>C·Σ log loss + ½‖W‖² at the solution; for one-vs-rest the sum over the binary problems.</summary>
    public double Objective { get; } = objective;

    /// <inheritdoc/>
    public void WriteFitFields(Utf8JsonWriter json)
    {
        json.WriteStartArray("classes");
        foreach (var c in Classes) json.WriteNumberValue(c);
        json.WriteEndArray();
        json.WriteStartArray("coef");
        foreach (var row in Coef)
        {
            json.WriteStartArray();
            foreach (var v in row) json.WriteNumberValue(v);
            json.WriteEndArray();
        }
        json.WriteEndArray();
        json.WriteStartArray("intercept");
        foreach (var b in Intercept) json.WriteNumberValue(b);
        json.WriteEndArray();
        json.WriteString("multi_class", Multinomial ? "multinomial" : "ovr");
        json.WriteNumber("n_iter", Iterations);
        json.WriteNumber("objective", Objective);
    }

    /// <summary>The most probable class label for each row of <paramref name="x"/> (float32 or float64 arrays, spans
    /// or tensors, with the fitted number of columns).</summary>
    public double[] Predict(InputMatrix x) => Labels(ProbabilityRows(x));

    /// <summary>Per-class probabilities [rows, classes] in the order of <see cref="Classes"/>, each row summing to 1.</summary>
    public double[,] PredictProbabilities(InputMatrix x)
    {
        var rows = ProbabilityRows(x);
        var p = new double[rows.Length, Classes.Length];
        for (var i = 0; i < rows.Length; i++)
            for (var k = 0; k < Classes.Length; k++) p[i, k] = rows[i][k];
        return p;
    }

    /// <summary>The catalogue's form: labels and probability rows.</summary>
    public Prediction Predict(Tensor x)
    {
        var probabilities = ProbabilityRows(x);
        return new Prediction(Labels(probabilities), probabilities);
    }

    private double[] Labels(double[][] probabilities) => [.. probabilities.Select(row => Classes[Array.IndexOf(row, row.Max())])];

    /// <summary>Per-class probabilities [rows][classes], each row summing to 1: every case is a softmax over scores
    /// whose exponentials are never formed unshifted, so large margins saturate instead of overflowing.</summary>
    private double[][] ProbabilityRows(InputMatrix input)
    {
        ArgumentNullException.ThrowIfNull(input);
        using var scope = new TensorScope();
        var x = input.ForModel(Features);
        var (rows, outputs, d) = (x.Shape[0], Coef.Length, Features.Count);
        var weights = new double[d * outputs];
        for (var j = 0; j < d; j++)
            for (var k = 0; k < outputs; k++) weights[j * outputs + k] = Coef[k][j];
        var z = x.MatMul(Tensor.FromArray(weights, new Shape(d, outputs))) + Tensor.FromArray(Intercept, new Shape(1, outputs));
        var scores = (Multinomial, outputs) switch
        {
            (true, 1) => Tensor.Concat([-z, z], 1),
            (false, 1) => Tensor.Concat([Tensor.Zeros(z.Shape, DType.Float64), z], 1),
            (true, _) => z,
            // log σ(z) = −softplus(−z): the softmax of these is σ(z) normalised over the classes.
            (false, _) => -Softplus.Of(-z),
        };
        var p = scores.Softmax(1).ToDoubleArray();
        var classes = Classes.Length;
        return Enumerable.Range(0, rows).Select(r => p.AsSpan(r * classes, classes).ToArray()).ToArray();
    }

    /// <inheritdoc/>
    public ModelState Save() => new(Model, Features,
        new Dictionary<string, string>
        {
            ["multi_class"] = Multinomial ? "multinomial" : "ovr",
            ["n_iter"] = Iterations.ToString(CultureInfo.InvariantCulture),
            ["objective"] = Objective.ToString("R", CultureInfo.InvariantCulture),
        },
        new Dictionary<string, ModelArray>
        {
            ["classes"] = ModelArray.Vector(Classes),
            ["coef"] = ModelArray.Matrix(Coef),
            ["intercept"] = ModelArray.Vector(Intercept),
        });

    /// <summary>The model in <paramref name="s"/>, checked: at least two distinct class labels in ascending order, and
    /// finite coef rows (one per feature) and intercepts, one each per class or a single one for two classes.</summary>
    public static LogisticModel Restore(ModelState s)
    {
        s.RequireOnlyArrays("classes", "coef", "intercept");
        var multinomial = s.Meta("multi_class") switch
        {
            "multinomial" => true,
            "ovr" => false,
            var other => throw s.Invalid($"metadata 'multi_class' is '{other}'; expected multinomial or ovr"),
        };
        var classes = s.Vector("classes");
        if (classes.Length < 2 || classes.Zip(classes.Skip(1)).Any(p => !(p.First < p.Second)))
            throw s.Invalid($"array 'classes' must hold at least two distinct labels in ascending order, as fitting stores them; {(classes.Length < 2 ? "it holds one" : "they are not strictly ascending")}");
        var rows = classes.Length == 2 ? 1 : classes.Length;
        return new LogisticModel(s.Model, s.Features, classes, s.Matrix("coef", s.Features.Count, rows), s.Vector("intercept", rows), multinomial,
            s.Count("n_iter"), s.Number("objective"));
    }
}
