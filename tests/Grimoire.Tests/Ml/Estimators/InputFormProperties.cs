using FsCheck;
using FsCheck.Fluent;
using Grimoire.Ml.Models;
using Grimoire.Ml.Models.Clustering;
using Grimoire.Ml.Models.Linear;
using Grimoire.Ml.Models.Logistic;
using Grimoire.Tests.Laws;

namespace Grimoire.Tests.Ml.Estimators;

/// <summary>On random data: every input form of the same float32 values (2-D array, jagged rows, span with a row
/// count, float32 tensor) fits exactly the model that their float64 widening fits, since widening float32 is exact;
/// and a float64 tensor fits what a <c>double[,]</c> fits. Predictions agree the same way.</summary>
public sealed class InputFormProperties
{
    /// <summary>n rows, d features, a seed, and which estimator.</summary>
    private static Gen<(int N, int D, int Seed, int Model)> Problems =>
        from d in Gen.Choose(1, 6)
        from n in Gen.Choose(d + 2, 40)
        from seed in Gen.Choose(0, 1 << 20)
        from model in Gen.Choose(0, Estimators.Length - 1)
        select (n, d, seed, model);

    /// <summary>Each estimator with a target made from y: regression uses it, classification its sign, clustering none.</summary>
    private static readonly Func<InputMatrix, InputVector, IFittedModel>[] Estimators =
    [
        (x, y) => new Ridge { Alpha = 0.3 }.Fit(x, y),
        (x, y) => new LinearRegression().Fit(x, y),
        (x, y) => new Lasso { Alpha = 0.01 }.Fit(x, y),
        (x, y) => new ElasticNet { Alpha = 0.02, L1Ratio = 0.7, Selection = Selection.Random }.Fit(x, y),
        (x, y) => new LogisticRegression { C = 2 }.Fit(x, y),
        (x, _) => new KMeans { NClusters = 2, NInit = 2 }.Fit(x),
        (x, _) => new KMedians { NClusters = 2, Init = KMeansInit.Random }.Fit(x),
    ];

    private static (float[] X, float[] Y) Sample(int n, int d, int seed, bool classes)
    {
        var rng = new Random(seed);
        var x = Enumerable.Range(0, n * d).Select(_ => (float)(rng.NextDouble() * 4 - 2)).ToArray();
        // Both classes always occur: the first two rows are forced apart.
        var y = Enumerable.Range(0, n).Select(i => classes ? (i < 2 ? i : rng.Next(2)) : (float)(rng.NextDouble() * 10 - 5)).Select(v => (float)v).ToArray();
        return (x, y);
    }

    [Test]
    public void Float32InputsFitWhatTheirFloat64WideningFits() => PropertyCheck.ForAll(Problems, p =>
    {
        var fit = Estimators[p.Model];
        var (x, y) = Sample(p.N, p.D, p.Seed, classes: p.Model == 4);
        var wide = Wide2D(x, p.N, p.D);
        var expected = fit(wide, Array.ConvertAll(y, v => (double)v));
        using var xTensor = Tensor.FromArray(x, new Shape(p.N, p.D));
        using var yTensor = Tensor.FromArray(y, new Shape(p.N, 1));
        var forms = new (string Form, IFittedModel Model)[]
        {
            ("float[,]", fit(Narrow2D(x, p.N, p.D), y)),
            ("float[][]", fit(Enumerable.Range(0, p.N).Select(i => x.AsSpan(i * p.D, p.D).ToArray()).ToArray(), y)),
            ("span", fit(new InputMatrix(x.AsSpan(), p.N), (ReadOnlySpan<float>)y)),
            ("f32 tensor", fit(xTensor, yTensor)),
        };
        foreach (var (form, model) in forms) FittedState.AssertIdentical(expected, model, $"{form} input");
        Assert.That(FittedState.Predict(expected, xTensor), Is.EqualTo(FittedState.Predict(expected, wide)), "predicting from float32");
    }, cases: 40);

    [Test]
    public void Float64TensorsFitWhatArraysFit() => PropertyCheck.ForAll(Problems, p =>
    {
        var fit = Estimators[p.Model];
        var (x, y) = Sample(p.N, p.D, p.Seed, classes: p.Model == 4);
        var (xd, yd) = (Array.ConvertAll(x, v => v * 1.1), Array.ConvertAll(y, v => (double)v));
        using var xTensor = Tensor.FromArray(xd, new Shape(p.N, p.D));
        using var yTensor = Tensor.FromArray(yd);
        var expected = fit(new InputMatrix(xd.AsSpan(), p.N), yd);
        FittedState.AssertIdentical(expected, fit(xTensor, yTensor), "f64 tensor input");
        FittedState.AssertIdentical(expected, fit(Enumerable.Range(0, p.N).Select(i => xd.AsSpan(i * p.D, p.D).ToArray()).ToArray(), (ReadOnlySpan<double>)yd), "jagged and span input");
    }, cases: 30);

    private static float[,] Narrow2D(float[] x, int n, int d)
    {
        var m = new float[n, d];
        for (var i = 0; i < n; i++)
            for (var j = 0; j < d; j++) m[i, j] = x[i * d + j];
        return m;
    }

    private static double[,] Wide2D(float[] x, int n, int d)
    {
        var m = new double[n, d];
        for (var i = 0; i < n; i++)
            for (var j = 0; j < d; j++) m[i, j] = x[i * d + j];
        return m;
    }
}
