using Grimoire.Ml;
using Grimoire.Ml.Data;
using Grimoire.Ml.Models;
using Grimoire.Ml.Models.Logistic;

namespace Grimoire.Tests.Ml;

/// <summary>Logistic regression's contract beyond parity: errors that name the problem, any numbers as class
/// labels, finite probabilities at huge margins, and a saved model that predicts exactly as the fitted one.</summary>
public sealed class LogisticRegressionTests
{
    private static readonly IModelPlugin Plugin = ModelCatalogue.Find("logistic-regression");

    private static Dataset Data(double[] x, double[] y) =>
        new("table", ["a"], Tensor.FromArray(x, new Shape(x.Length, 1)), "label", Tensor.FromArray(y, new Shape(y.Length)));

    [Test]
    public void ASingleClassIsAnErrorNamingIt()
    {
        using var data = Data([1, 2, 3], [7, 7, 7]);
        Assert.That(() => Plugin.Fit(data, ModelSettings.Empty),
            Throws.TypeOf<ModelException>().With.Message.Contain("at least two classes in the target 'label'").And.Message.Contain("only the class 7"));
    }

    [TestCase("C=0", "'C' must be > 0")]
    [TestCase("multi_class=softmax", "'multi_class' must be one of auto, ovr, multinomial")]
    [TestCase("solver=newton-cg", "'solver' must be one of lbfgs, gd")]
    [TestCase("learning_rate=0.5", "unknown setting 'learning_rate'")]
    public void BadSettingsAreModelErrors(string setting, string expected)
    {
        using var data = Data([1, 2, 3, 4], [0, 0, 1, 1]);
        Assert.That(() => Plugin.Fit(data, new ModelSettings([setting])), Throws.TypeOf<ModelException>().With.Message.Contain(expected));
    }

    [Test]
    public void GradientDescentThatDivergesSaysSo()
    {
        // The loss gradient is bounded, so only the penalty can blow up: steps η/(C·n) > 2 make w grow geometrically.
        using var data = Data([-1, -2, 1, 3], [0, 0, 1, 1]);
        Assert.That(() => Plugin.Fit(data, new ModelSettings(["solver=gd", "learning_rate=100", "C=0.001", "max_iter=1000"])),
            Throws.TypeOf<ModelException>().With.Message.Contain("diverged").And.Message.Contain("lower learning_rate"));
    }

    [Test]
    public void ClassesAreTheSortedDistinctTargetValues()
    {
        using var data = Data([-3, -2, -1, 1, 2, 3, 4, 5, 6], [2.5, 2.5, 2.5, -1, -1, -1, 40, 40, 40]);
        var model = (LogisticModel)Plugin.Fit(data, new ModelSettings(["C=100"]));
        Assert.That(model.Classes, Is.EqualTo(new[] { -1, 2.5, 40 }));
        Assert.That(model.Coef, Has.Length.EqualTo(3));
        Assert.That(model.Predict(data.X).Values, Is.EqualTo(new[] { 2.5, 2.5, 2.5, -1, -1, -1, 40, 40, 40 }));
    }

    [TestCase(true, 2)]
    [TestCase(false, 2)]
    [TestCase(true, 3)]
    [TestCase(false, 3)]
    public void HugeMarginsGiveFiniteProbabilities(bool multinomial, int classes)
    {
        // Margins of ±10⁴, where a naive e^z overflows and log σ(z) underflows to log 0.
        double[][] coef = classes == 2 ? [[10.0]] : [[-10.0], [0.0], [10.0]];
        var model = new LogisticModel("logistic-regression", ["a"], [.. Enumerable.Range(0, classes).Select(c => (double)c)], coef, new double[coef.Length], multinomial, 1, 0);
        using var x = Tensor.FromArray(new double[] { -1000, 1000 }, new Shape(2, 1));
        var prediction = model.Predict(x);
        var p = prediction.Probabilities!;
        Assert.That(p.SelectMany(r => r), Is.All.InRange(0.0, 1.0));
        Assert.That(p.Select(r => r.Sum()), Is.All.EqualTo(1).Within(1e-12));
        Assert.That(prediction.Values, Is.EqualTo(new[] { 0.0, classes - 1 }));
        // One-vs-rest normalises σ(z) = (0, ½, 1) for three classes: the middle class, with z = 0, keeps a share.
        Assert.That(p[1][classes - 1], Is.EqualTo(!multinomial && classes == 3 ? 2.0 / 3 : 1).Within(1e-12));
    }

    [Test]
    public void SeparableDataWithAWeakPenaltyFitsFinitely()
    {
        using var data = Data([-2000, -1000, 1000, 2000], [0, 0, 1, 1]);
        var model = (LogisticModel)Plugin.Fit(data, new ModelSettings(["C=1e6"]));
        Assert.That(double.IsFinite(model.Objective) && double.IsFinite(model.Coef[0][0]), $"objective {model.Objective}, coef {model.Coef[0][0]}");
        Assert.That(model.Predict(data.X).Values, Is.EqualTo(new[] { 0.0, 0, 1, 1 }));
    }

    [TestCase("multinomial")]
    [TestCase("ovr")]
    public void ASavedModelPredictsAsTheFittedOne(string multiClass)
    {
        using var data = SklearnParityTests.BuiltinWithTarget("iris");
        var fitted = Plugin.Fit(data, new ModelSettings([$"multi_class={multiClass}"]));
        var path = Path.GetTempFileName();
        try
        {
            ModelFile.Write(path, fitted.Save());
            var restored = Plugin.Restore(ModelFile.Read(path));
            var (a, b) = (fitted.Predict(data.X), restored.Predict(data.X));
            Assert.That(b.Values, Is.EqualTo(a.Values));
            Assert.That(b.Probabilities, Is.EqualTo(a.Probabilities));
            Assert.That(((LogisticModel)restored).Objective, Is.EqualTo(((LogisticModel)fitted).Objective));
        }
        finally
        {
            File.Delete(path);
        }
    }
}
