using Grimoire.Ml;
using Grimoire.Ml.Data;

namespace Grimoire.Tests.Ml;

/// <summary>CSV loading: values and shapes, the target split off by name, and every malformed input as a
/// DataException naming the row and column.</summary>
public sealed class CsvDatasetTests
{
    private static Dataset Read(string text, string? target = null) => CsvDataset.Read(new StringReader(text), "test.csv", target);

    [Test]
    public void FeaturesAndTargetAreSplitByName()
    {
        using var data = Read("a,y,b\n1,10,2\n3,30,4\n", "y");
        Assert.That(data.Features, Is.EqualTo(new[] { "a", "b" }));
        Assert.That(data.X.Shape, Is.EqualTo(new Shape(2, 2)));
        Assert.That(data.X.ToDoubleArray(), Is.EqualTo(new double[] { 1, 2, 3, 4 }));
        Assert.That(data.Y!.ToDoubleArray(), Is.EqualTo(new double[] { 10, 30 }));
    }

    [TestCase("a,b\n1,2\n3,\n", "row 3, column 'b' is missing")]
    [TestCase("a,b\n1,2\n3,x\n", "row 3, column 'b': 'x' is not a finite number")]
    [TestCase("a,b\n1,2\n3,NaN\n", "row 3, column 'b': 'NaN'")]
    [TestCase("a,b\n1,2\n3\n", "row 3 has 1 values, the header has 2")]
    [TestCase("a,b\n", "no data rows")]
    [TestCase("a,a\n1,2\n", "'a' found 2 times")]
    public void MalformedFilesNameTheProblem(string text, string expected)
    {
        var e = Assert.Throws<DataException>(() => Read(text).Dispose());
        Assert.That(e!.Message, Does.StartWith("test.csv").And.Contain(expected));
    }

    [Test]
    public void UnknownTargetListsTheColumns()
    {
        var e = Assert.Throws<DataException>(() => Read("a,b\n1,2\n", "c").Dispose());
        Assert.That(e!.Message, Does.Contain("no column 'c'").And.Contain("a, b"));
    }

    [Test]
    public void EmptyAndMissingFilesAreDataErrors()
    {
        var empty = Path.GetTempFileName();
        try
        {
            Assert.Throws<DataException>(() => CsvDataset.Load(empty, null).Dispose());
        }
        finally
        {
            File.Delete(empty);
        }
        var e = Assert.Throws<DataException>(() => CsvDataset.Load("/no/such/file.csv", null).Dispose());
        Assert.That(e!.Message, Does.Contain("not found").And.Contain("iris"));
    }

    [TestCase("iris", 150, 4)]
    [TestCase("wine", 178, 13)]
    [TestCase("breast_cancer", 569, 30)]
    [TestCase("diabetes", 442, 10)]
    [TestCase("digits", 1797, 64)]
    public void BuiltinDataSetsHaveTheirKnownShapes(string name, int rows, int features)
    {
        using var data = SklearnParityTests.BuiltinWithTarget(name);
        Assert.That((data.Rows, data.Features.Count), Is.EqualTo((rows, features)));
    }
}
