using Grimoire.Ml;
using Grimoire.Ml.Models;
using Grimoire.Ml.Models.Clustering;
using Grimoire.Ml.Models.Linear;
using Grimoire.Ml.Models.Logistic;

namespace Grimoire.Tests.Ml.Estimators;

/// <summary>Typed fits save to model files that load back, typed or through the catalogue, and predict the same.</summary>
public sealed class TypedModelFileTests
{
    private static readonly float[,] X = { { 1, 2 }, { 3, 5 }, { 4, 4 }, { 0, 1 }, { 2, 2 }, { 5, 1 } };
    private static readonly float[] Y = [1, 0, 1, 0, 2, 2];
    private string _path = "";

    [SetUp]
    public void CreatePath() => _path = Path.Combine(Path.GetTempPath(), $"grimoire-{Guid.NewGuid():N}.model");

    [TearDown]
    public void DeletePath() => File.Delete(_path);

    [Test]
    public void ATypedRidgeRoundTripsAndLoadsTyped()
    {
        var fitted = new Ridge { Alpha = 0.5 }.Fit(X, Y);
        ModelFile.Write(_path, fitted);
        var loaded = ModelFile.Load<LinearModel>(_path);
        FittedState.AssertIdentical(fitted, loaded, "ridge file");
        Assert.That(loaded.Features, Is.EqualTo(new[] { "x0", "x1" }));
        Assert.That(loaded.Predict(X), Is.EqualTo(fitted.Predict(X)));
        Assert.That(ModelFile.Load(_path).Predict(Tensor.FromArray(new double[] { 1, 2 }, new Shape(1, 2))).Values, Is.EqualTo(fitted.Predict(new double[,] { { 1, 2 } })));
    }

    [Test]
    public void TypedLogisticAndClusteringModelsRoundTrip()
    {
        var logistic = new LogisticRegression { C = 5 }.Fit(X, Y);
        ModelFile.Write(_path, logistic);
        var loadedLogistic = ModelFile.Load<LogisticModel>(_path);
        Assert.That(loadedLogistic.PredictProbabilities(X), Is.EqualTo(logistic.PredictProbabilities(X)));
        Assert.That(loadedLogistic.Predict(X), Is.EqualTo(logistic.Predict(X)));

        var kmedians = new KMedians { NClusters = 2 }.Fit(X);
        ModelFile.Write(_path, kmedians);
        var loadedClusters = ModelFile.Load<ClusterModel>(_path);
        Assert.That(loadedClusters.Predict(X), Is.EqualTo(kmedians.Predict(X)));
        Assert.That(loadedClusters.Inertia, Is.EqualTo(kmedians.Inertia));
    }

    [Test]
    public void LoadingTheWrongModelTypeIsAModelError()
    {
        ModelFile.Write(_path, new KMeans { NClusters = 2 }.Fit(X));
        Assert.That(() => ModelFile.Load<LinearModel>(_path),
            Throws.TypeOf<ModelException>().With.Message.Contain("holds a kmeans model (ClusterModel), not a LinearModel"));
    }
}
