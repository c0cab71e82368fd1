using Grimoire.Ml;
using Grimoire.Ml.Data;
using Grimoire.Ml.Models;

namespace Grimoire.Tests.Ml;

/// <summary>The closed-form linear fits on data whose squares overflow float64: a DataException naming the data and
/// the problem instead of a crash inside the eigen solver.</summary>
public sealed class NormalEquationsTests
{
    [TestCase("ridge")]
    [TestCase("linear-regression")]
    public void ValuesWhoseGramMatrixOverflowsAreADataError(string model)
    {
        var rows = Enumerable.Range(0, 20).Select(i => new[] { 1e200 * (i + 1), 1e200 * ((i * 7) % 5 + 1), i + 0.5 }).ToArray();
        using var data = new Dataset("huge.csv", ["a", "b"], Tensor.FromArray(rows.SelectMany(r => r[..2]).ToArray(), new Shape(20, 2)), "y",
            Tensor.FromArray(rows.Select(r => r[2]).ToArray(), new Shape(20)));
        var e = Assert.Throws<DataException>(() => ModelCatalogue.Find(model).Fit(data, ModelSettings.Empty))!;
        Assert.That(e.Message, Does.Contain("huge.csv").And.Contain("too large"));
    }

    [Test]
    public void LargeButRepresentableValuesStillFit()
    {
        var rows = Enumerable.Range(0, 20).Select(i => new[] { 1e100 * (i + 1), 1e100 * ((i * 7) % 5 + 1) }).ToArray();
        using var data = new Dataset("large.csv", ["a", "b"], Tensor.FromArray(rows.SelectMany(r => r).ToArray(), new Shape(20, 2)), "y",
            Tensor.FromArray(rows.Select(r => 2 * r[0] - 3 * r[1]).ToArray(), new Shape(20)));
        var fitted = (Grimoire.Ml.Models.Linear.LinearModel)ModelCatalogue.Find("linear-regression").Fit(data, ModelSettings.Empty);
        Assert.That(fitted.Coef, Is.EqualTo(new[] { 2.0, -3.0 }).Within(1e-6));
    }
}
