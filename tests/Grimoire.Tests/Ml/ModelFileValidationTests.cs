using Grimoire.IO;
using Grimoire.Ml;
using Grimoire.Ml.Data;
using Grimoire.Ml.Models;

namespace Grimoire.Tests.Ml;

/// <summary>A model file is checked completely before a model is built from it: every metadata value parses to
/// the type and range the model needs, and every array has the rank, sizes and finite values that fit the model's
/// features and classes. Each refusal is a ModelException naming the file and the problem.</summary>
public sealed class ModelFileValidationTests
{
    private static readonly string[] Iris = ["sepal_length_cm", "sepal_width_cm", "petal_length_cm", "petal_width_cm"];
    private string _path = "";

    [SetUp]
    public void CreatePath() => _path = Path.Combine(Path.GetTempPath(), $"grimoire-{Guid.NewGuid():N}.model");

    [TearDown]
    public void DeletePath() => File.Delete(_path);

    /// <summary>Writes a model file with the given metadata (over a valid header) and arrays, then loads and
    /// predicts with it as `grimoire predict` does; the ModelException's message must name the file and contain
    /// <paramref name="problem"/>.</summary>
    private void AssertRefused(string model, Dictionary<string, string> metadata, StoredTensor[] arrays, string problem)
    {
        var header = new Dictionary<string, string> { ["format"] = ModelFile.Format, ["version"] = "1", ["model"] = model, ["features"] = System.Text.Json.JsonSerializer.Serialize(Iris) };
        foreach (var (k, v) in metadata) header[k] = v;
        SafeTensors.Write(_path, header, arrays);
        using var data = CsvDataset.Load("iris", "species");
        var e = Assert.Throws<ModelException>(() =>
        {
            var fitted = ModelFile.Load(_path);
            using var x = FeatureColumns.Select(data, fitted.Features);
            fitted.Predict(x);
        })!;
        Assert.That(e.Message, Does.Contain(_path).And.Contain(problem));
    }

    private static StoredTensor Array(string name, int[] shape, double[] values) => StoredTensor.From(name, shape, values);

    private static StoredTensor Filled(string name, params int[] shape) => Array(name, shape, Enumerable.Range(0, shape.Aggregate(1, (a, d) => a * d)).Select(i => 0.1 * i).ToArray());

    private static Dictionary<string, string> LinearMeta(string nIter = "1", string objective = "2.5") => new() { ["n_iter"] = nIter, ["objective"] = objective };

    private static StoredTensor[] LinearArrays => [Filled("coef", 4), Filled("intercept", 1)];

    private static Dictionary<string, string> ClusterMeta => new() { ["n_iter"] = "3", ["inertia"] = "7.5" };

    private static Dictionary<string, string> LogisticMeta => new() { ["n_iter"] = "3", ["objective"] = "7.5", ["multi_class"] = "multinomial" };

    [TestCase("\"sepal_length_cm\"", TestName = "FeaturesThatAreAJsonStringAreRefused")]
    [TestCase("[1,2,3,4]", TestName = "FeaturesThatAreNumbersAreRefused")]
    [TestCase("[\"a\",null]", TestName = "FeaturesWithNullAreRefused")]
    [TestCase("{\"a\":1}", TestName = "FeaturesThatAreAnObjectAreRefused")]
    [TestCase("[\"sepal_length_cm\"", TestName = "FeaturesThatAreNotJsonAreRefused")]
    [TestCase("null", TestName = "FeaturesThatAreNullAreRefused")]
    [TestCase("[]", TestName = "FeaturesThatAreEmptyAreRefused")]
    [TestCase("[\"a\",\"a\",\"b\",\"c\"]", TestName = "FeaturesNamedTwiceAreRefused")]
    public void FeaturesMustBeAJsonArrayOfDistinctNames(string features) =>
        AssertRefused("ridge", new(LinearMeta()) { ["features"] = features }, LinearArrays, "features");

    [TestCase("abc")]
    [TestCase("99999999999")]
    [TestCase("-1")]
    [TestCase("1.5")]
    [TestCase("")]
    public void IterationCountMustBeANonNegativeInteger(string nIter) => AssertRefused("ridge", LinearMeta(nIter: nIter), LinearArrays, "n_iter");

    [TestCase("abc")]
    [TestCase("NaN")]
    [TestCase("Infinity")]
    [TestCase("1e999")]
    public void ObjectiveMustBeAFiniteNumber(string objective) => AssertRefused("lasso", LinearMeta(objective: objective), LinearArrays, "objective");

    [Test]
    public void MissingMetadataIsRefused() => AssertRefused("kmeans", new() { ["n_iter"] = "3" }, [Filled("centers", 3, 4)], "inertia");

    [Test]
    public void UnknownModelNameIsRefused() => AssertRefused("gradient-boosting", LinearMeta(), LinearArrays, "gradient-boosting");

    [Test]
    public void NonFloat64ArrayIsRefused() => AssertRefused("ridge", LinearMeta(), [StoredTensor.From("coef", [4], new float[4]), Filled("intercept", 1)], "coef");

    [TestCase(new[] { 4, 1 }, TestName = "LinearCoefOfRankTwoIsRefused")]
    [TestCase(new[] { 3 }, TestName = "LinearCoefShorterThanTheFeaturesIsRefused")]
    [TestCase(new[] { 5 }, TestName = "LinearCoefLongerThanTheFeaturesIsRefused")]
    public void LinearCoefMustHaveOneValuePerFeature(int[] shape) => AssertRefused("linear-regression", LinearMeta(), [Filled("coef", shape), Filled("intercept", 1)], "coef");

    [TestCase(new[] { 0 })]
    [TestCase(new[] { 2 })]
    [TestCase(new int[0])]
    public void LinearInterceptMustBeOneValue(int[] shape) => AssertRefused("elastic-net", LinearMeta(), [Filled("coef", 4), Filled("intercept", shape)], "intercept");

    [TestCase(double.NaN)]
    [TestCase(double.PositiveInfinity)]
    public void LinearCoefMustBeFinite(double bad) =>
        AssertRefused("ridge", LinearMeta(), [Array("coef", [4], [1, bad, 2, 3]), Filled("intercept", 1)], "coef");

    [Test]
    public void MissingArrayIsRefused() => AssertRefused("ridge", LinearMeta(), [Filled("coef", 4)], "intercept");

    [Test]
    public void UnexpectedArrayIsRefused() => AssertRefused("ridge", LinearMeta(), [.. LinearArrays, Filled("centers", 2, 4)], "centers");

    [TestCase("kmeans", new[] { 3, 2 }, TestName = "KMeansCentersNarrowerThanTheFeaturesAreRefused")]
    [TestCase("kmedians", new[] { 3, 5 }, TestName = "KMediansCentersWiderThanTheFeaturesAreRefused")]
    [TestCase("kmeans", new[] { 0, 4 }, TestName = "KMeansWithNoCentersIsRefused")]
    [TestCase("kmedians", new[] { 0, 4 }, TestName = "KMediansWithNoCentersIsRefused")]
    [TestCase("kmeans", new[] { 12 }, TestName = "KMeansCentersOfRankOneAreRefused")]
    [TestCase("kmeans", new[] { 2147483647, 0 }, TestName = "KMeansCentersOfHugeEmptyShapeAreRefused")]
    public void CentersMustBeANonEmptyMatrixOverTheFeatures(string model, int[] shape) => AssertRefused(model, ClusterMeta, [Filled("centers", shape)], "centers");

    [Test]
    public void KMediansWithNoFeaturesIsRefused() =>
        AssertRefused("kmedians", new(ClusterMeta) { ["features"] = "[]" }, [Array("centers", [3, 0], [])], "features");

    [Test]
    public void CentersMustBeFinite() => AssertRefused("kmeans", ClusterMeta, [Array("centers", [1, 4], [1, 2, double.NaN, 4])], "centers");

    [TestCase(new[] { 3 }, new[] { 12 }, new[] { 3 }, "coef", TestName = "LogisticCoefOfRankOneIsRefused")]
    [TestCase(new[] { 3 }, new[] { 2, 4 }, new[] { 3 }, "coef", TestName = "LogisticCoefRowsMustMatchTheClasses")]
    [TestCase(new[] { 2 }, new[] { 2, 4 }, new[] { 1 }, "coef", TestName = "LogisticCoefOfTwoClassesMustBeOneRow")]
    [TestCase(new[] { 3 }, new[] { 3, 3 }, new[] { 3 }, "coef", TestName = "LogisticCoefColumnsMustMatchTheFeatures")]
    [TestCase(new[] { 3 }, new[] { 3, 4 }, new[] { 2 }, "intercept", TestName = "LogisticInterceptsMustMatchTheClasses")]
    [TestCase(new[] { 1 }, new[] { 1, 4 }, new[] { 1 }, "classes", TestName = "LogisticWithOneClassIsRefused")]
    [TestCase(new[] { 3, 1 }, new[] { 3, 4 }, new[] { 3 }, "classes", TestName = "LogisticClassesOfRankTwoAreRefused")]
    public void LogisticArraysMustFitTogether(int[] classes, int[] coef, int[] intercept, string problem) =>
        AssertRefused("logistic-regression", LogisticMeta, [Filled("classes", classes), Filled("coef", coef), Filled("intercept", intercept)], problem);

    [Test]
    public void LogisticClassesMustBeDistinctAndAscending() =>
        AssertRefused("logistic-regression", LogisticMeta, [Array("classes", [3], [0, 2, 2]), Filled("coef", 3, 4), Filled("intercept", 3)], "classes");

    [Test]
    public void LogisticInterceptMustBeFinite() =>
        AssertRefused("logistic-regression", LogisticMeta, [Array("classes", [2], [0, 1]), Filled("coef", 1, 4), Array("intercept", [1], [double.NegativeInfinity])], "intercept");

    [Test]
    public void LogisticMultiClassMustBeKnown() =>
        AssertRefused("logistic-regression", new(LogisticMeta) { ["multi_class"] = "auto" }, [Array("classes", [2], [0, 1]), Filled("coef", 1, 4), Filled("intercept", 1)], "multi_class");
}
