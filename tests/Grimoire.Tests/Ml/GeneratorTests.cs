using Grimoire.Ml;
using Grimoire.Ml.Data;

namespace Grimoire.Tests.Ml;

/// <summary>Generated data sets: reproducible from their spec, the requested shape, the documented structure, and
/// malformed specs as DataExceptions.</summary>
public sealed class GeneratorTests
{
    [Test]
    public void SameSpecSameData()
    {
        using var a = CsvDataset.Load("blobs:n=50,d=3,centers=4,seed=7", "y");
        using var b = CsvDataset.Load("blobs:n=50,d=3,centers=4,seed=7", "y");
        Assert.That(a.X.ToDoubleArray(), Is.EqualTo(b.X.ToDoubleArray()));
        Assert.That((a.Rows, a.Features.Count), Is.EqualTo((50, 3)));
        Assert.That(a.Y!.ToDoubleArray().Distinct().Order(), Is.EqualTo(new double[] { 0, 1, 2, 3 }));
    }

    [Test]
    public void LinearDataIsFittedExactlyWithoutNoise()
    {
        using var data = CsvDataset.Load("linear:n=200,d=4,noise=0,seed=3", "y");
        var fit = (Grimoire.Ml.Models.Linear.LinearModel)Grimoire.Ml.Models.ModelCatalogue.Find("linear-regression").Fit(data, Grimoire.Ml.Models.ModelSettings.Empty);
        Assert.That(fit.Intercept, Is.EqualTo(3).Within(1e-9));
        Assert.That(fit.Objective, Is.EqualTo(0).Within(1e-18 * 200 + 1e-12));
    }

    [Test]
    public void WithoutATargetTheGeneratedTargetIsAFeature()
    {
        using var data = CsvDataset.Load("linear:n=10,d=2", null);
        Assert.That(data.Features, Is.EqualTo(new[] { "x0", "x1", "y" }));
        Assert.That(data.Y, Is.Null);
    }

    [TestCase("blobs:n=ten", "'n=ten' is not key=number")]
    [TestCase("blobs:n=10,colour=3", "unknown parameter 'colour'")]
    [TestCase("linear:n=0", "need n >= 1")]
    public void MalformedSpecsAreDataErrors(string spec, string expected)
    {
        var e = Assert.Throws<DataException>(() => CsvDataset.Load(spec, null).Dispose());
        Assert.That(e!.Message, Does.Contain(expected));
    }

    /// <summary>Generate is public: a spec <see cref="Generators.IsSpec"/> would not accept is refused by name, not
    /// generated as linear data or failed with an index exception.</summary>
    [TestCase("moons:n=10")]
    [TestCase("blobs")]
    [TestCase("")]
    public void GenerateRefusesWhatIsNotASpec(string spec)
    {
        var e = Assert.Throws<DataException>(() => Generators.Generate(spec).Dispose());
        Assert.That(e!.Message, Does.Contain($"'{spec}'").And.Contain("blobs:").And.Contain("linear:"));
    }
}
