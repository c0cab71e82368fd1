using Grimoire.Ml;
using Grimoire.Ml.Data;
using Grimoire.Tests.Support;

namespace Grimoire.Tests.Ml;

/// <summary>.npy data sets: a float64 C-order matrix loads as features and target; a malformed file is a
/// DataException naming the file, whatever its header claims.</summary>
public sealed class NpyDatasetTests
{
    private string _path = "";

    [SetUp]
    public void CreatePath() => _path = Path.Combine(Path.GetTempPath(), $"grimoire-{Guid.NewGuid():N}.npy");

    [TearDown]
    public void DeletePath() => File.Delete(_path);

    private void AssertRefused(byte[] file, string problem)
    {
        File.WriteAllBytes(_path, file);
        var e = Assert.Throws<DataException>(() => NpyDataset.Load(_path, "y"))!;
        Assert.That(e.Message, Does.Contain(_path).And.Contain(problem));
    }

    [TestCase((byte)1)]
    [TestCase((byte)2)]
    [TestCase((byte)3)]
    public void AMatrixLoadsAsFeaturesAndTarget(byte major)
    {
        File.WriteAllBytes(_path, NpyBytes.Build([1, 2, 3, 4, 5, 6], 2, 3, major));
        using var data = NpyDataset.Load(_path, "y");
        Assert.That(data.Features, Is.EqualTo(new[] { "x0", "x1" }));
        Assert.That(data.X.ToDoubleArray(), Is.EqualTo(new double[] { 1, 2, 4, 5 }));
        Assert.That(data.Y!.ToDoubleArray(), Is.EqualTo(new double[] { 3, 6 }));
    }

    [Test]
    public void ShapeBeyondIntIsRefused() =>
        AssertRefused(NpyBytes.Build("{'descr': '<f8', 'fortran_order': False, 'shape': (99999999999, 2), }", NpyBytes.Doubles([1, 2])), "shape");

    [Test]
    public void ShapeWhoseByteCountOverflowsIsRefused() =>
        AssertRefused(NpyBytes.Build("{'descr': '<f8', 'fortran_order': False, 'shape': (2147483647, 2147483647), }", NpyBytes.Doubles([1, 2])), "shape");

    [TestCase(0xFFFFFFFFu, TestName = "HeaderLengthThatIsNegativeAsIntIsRefused")]
    [TestCase(0x7FFFFFF0u, TestName = "HeaderLengthBeyondTheFileIsRefused")]
    public void HeaderLengthIsCheckedAgainstTheFile(uint headerLength) =>
        AssertRefused(NpyBytes.Build("{'descr': '<f8', 'fortran_order': False, 'shape': (1, 2), }", NpyBytes.Doubles([1, 2]), major: 2, headerLength: headerLength), "header");

    [Test]
    public void Version2FileTooShortForItsHeaderLengthIsRefused() =>
        AssertRefused(NpyBytes.Build([1, 2], 1, 2, major: 2)[..11], "header");

    [TestCase((byte)0)]
    [TestCase((byte)4)]
    [TestCase((byte)0xFF)]
    public void UnknownVersionIsRefused(byte major)
    {
        var file = NpyBytes.Build([1, 2], 1, 2, major: 2);
        file[6] = major;
        AssertRefused(file, "version");
    }

    [Test]
    public void DataLengthMustMatchTheShape() =>
        AssertRefused(NpyBytes.Build("{'descr': '<f8', 'fortran_order': False, 'shape': (2, 2), }", NpyBytes.Doubles([1, 2, 3])), "shape");
}
