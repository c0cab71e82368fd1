using System.Text;
using Grimoire.IO;
using Grimoire.Tests.Support;

namespace Grimoire.Tests.IO;

/// <summary>The safetensors reader refuses every malformed layout with the caller's typed exception, naming the
/// file: sizes that overflow, data not covered exactly by the tensors, headers that are not a JSON object of
/// well-typed entries, duplicate keys and invalid UTF-8.</summary>
public sealed class SafeTensorsReaderTests
{
    private const string OneDouble = "{\"a\":{\"dtype\":\"F64\",\"shape\":[1],\"data_offsets\":[0,8]}}";
    private string _path = "";

    [SetUp]
    public void CreatePath() => _path = Path.Combine(Path.GetTempPath(), $"grimoire-{Guid.NewGuid():N}.safetensors");

    [TearDown]
    public void DeletePath() => File.Delete(_path);

    private GrimoireException Refused(byte[] file)
    {
        File.WriteAllBytes(_path, file);
        var e = Assert.Throws<GrimoireException>(() => SafeTensors.Read(_path, "test file", m => new GrimoireException(m)))!;
        Assert.That(e.Message, Does.Contain(_path), "the message names the file");
        return e;
    }

    private static byte[] Data(int bytes) => Enumerable.Range(1, bytes).Select(i => (byte)i).ToArray();

    [TestCase("[3,715827883,2147483647]", "[8,0]", 8, TestName = "ElementCountWhoseByteSizeWrapsIsRefused")]
    [TestCase("[65536,65536]", "[0,8]", 8, TestName = "ElementCountBeyondIntIsRefused")]
    [TestCase("[2147483648]", "[0,8]", 8, TestName = "DimensionBeyondIntIsRefused")]
    [TestCase("[-1]", "[0,8]", 8, TestName = "NegativeDimensionIsRefused")]
    [TestCase("[1]", "[8,0]", 8, TestName = "OffsetsInReverseAreRefused")]
    [TestCase("[1]", "[-8,0]", 8, TestName = "NegativeOffsetIsRefused")]
    [TestCase("[1]", "[0,8,16]", 8, TestName = "ThreeOffsetsAreRefused")]
    public void SizesAndOffsetsAreCheckedInSixtyFourBits(string shape, string offsets, int dataBytes) =>
        Refused(SafeTensorsBytes.Build($"{{\"a\":{{\"dtype\":\"F64\",\"shape\":{shape},\"data_offsets\":{offsets}}}}}", Data(dataBytes)));

    [Test]
    public void EmptyTensorWithHugeDimensionIsReadAsEmpty()
    {
        File.WriteAllBytes(_path, SafeTensorsBytes.Build("{\"a\":{\"dtype\":\"F64\",\"shape\":[2147483647,0],\"data_offsets\":[0,0]}}", []));
        var (_, tensors) = SafeTensors.Read(_path, "test file", m => new GrimoireException(m));
        Assert.That(tensors.Single().Shape, Is.EqualTo(new[] { 2147483647, 0 }));
        Assert.That(tensors.Single().Data, Is.Empty);
    }

    [Test]
    public void HeaderLengthOneShortIsRefused()
    {
        var header = OneDouble + " ";
        Assert.That(Refused(SafeTensorsBytes.Build(header, Data(8), headerLength: (ulong)header.Length - 1)).Message, Does.Contain("data"));
    }

    [TestCase("{\"a\":{\"dtype\":\"F64\",\"shape\":[1],\"data_offsets\":[0,8]}}", 16, TestName = "TrailingBytesAfterTheLastTensorAreRefused")]
    [TestCase("{\"a\":{\"dtype\":\"F64\",\"shape\":[1],\"data_offsets\":[8,16]}}", 16, TestName = "GapBeforeTheFirstTensorIsRefused")]
    [TestCase("{\"a\":{\"dtype\":\"F64\",\"shape\":[1],\"data_offsets\":[0,8]},\"b\":{\"dtype\":\"F64\",\"shape\":[1],\"data_offsets\":[0,8]}}", 8, TestName = "OverlappingTensorsAreRefused")]
    [TestCase("{\"a\":{\"dtype\":\"F64\",\"shape\":[1],\"data_offsets\":[0,8]},\"b\":{\"dtype\":\"F64\",\"shape\":[1],\"data_offsets\":[16,24]}}", 24, TestName = "GapBetweenTensorsIsRefused")]
    [TestCase("{\"a\":{\"dtype\":\"F64\",\"shape\":[1],\"data_offsets\":[0,8]}}", 7, TestName = "DataShorterThanTheTensorsIsRefused")]
    public void DataSectionMustBeCoveredExactly(string header, int dataBytes) => Refused(SafeTensorsBytes.Build(header, Data(dataBytes)));

    [Test]
    public void TensorsInAnyOrderCoveringTheDataAreRead()
    {
        File.WriteAllBytes(_path, SafeTensorsBytes.Build("{\"b\":{\"dtype\":\"I32\",\"shape\":[2],\"data_offsets\":[8,16]},\"e\":{\"dtype\":\"F32\",\"shape\":[0,3],\"data_offsets\":[8,8]},\"a\":{\"dtype\":\"F64\",\"shape\":[1],\"data_offsets\":[0,8]}}", Data(16)));
        var (_, tensors) = SafeTensors.Read(_path, "test file", m => new GrimoireException(m));
        Assert.That(tensors.Select(t => t.Name), Is.EqualTo(new[] { "b", "e", "a" }), "header order");
        Assert.That(tensors[0].Data, Is.EqualTo(Data(16)[8..]));
        Assert.That(tensors[2].Data, Is.EqualTo(Data(8)));
    }

    [TestCase("[]", TestName = "HeaderThatIsAnArrayIsRefused")]
    [TestCase("{\"__metadata__\":{\"k\":1}}", TestName = "MetadataNumberIsRefused")]
    [TestCase("{\"__metadata__\":{\"k\":null}}", TestName = "MetadataNullIsRefused")]
    [TestCase("{\"__metadata__\":null}", TestName = "MetadataThatIsNullIsRefused")]
    [TestCase("{\"__metadata__\":[\"k\"]}", TestName = "MetadataArrayIsRefused")]
    [TestCase("{\"a\":null}", TestName = "TensorEntryNullIsRefused")]
    [TestCase("{\"a\":{\"dtype\":\"F64\",\"shape\":[\"1\"],\"data_offsets\":[0,8]}}", TestName = "ShapeEntryStringIsRefused")]
    [TestCase("{\"a\":{\"dtype\":\"F64\",\"shape\":[1.5],\"data_offsets\":[0,8]}}", TestName = "ShapeEntryFractionIsRefused")]
    [TestCase("{\"a\":{\"dtype\":\"F64\",\"shape\":[null],\"data_offsets\":[0,8]}}", TestName = "ShapeEntryNullIsRefused")]
    [TestCase("{\"a\":{\"dtype\":\"F64\",\"shape\":1,\"data_offsets\":[0,8]}}", TestName = "ShapeNumberIsRefused")]
    [TestCase("{\"a\":{\"dtype\":\"F64\",\"shape\":[1],\"data_offsets\":[0,\"8\"]}}", TestName = "OffsetStringIsRefused")]
    [TestCase("{\"a\":{\"dtype\":64,\"shape\":[1],\"data_offsets\":[0,8]}}", TestName = "DtypeNumberIsRefused")]
    [TestCase("{\"a\":{\"dtype\":\"F16\",\"shape\":[4],\"data_offsets\":[0,8]}}", TestName = "UnreadDtypeIsRefused")]
    [TestCase("{\"a\":{\"shape\":[1],\"data_offsets\":[0,8]}}", TestName = "MissingDtypeIsRefused")]
    public void HeaderEntriesMustHaveTheirJsonTypes(string header) => Refused(SafeTensorsBytes.Build(header, Data(8)));

    [TestCase("{\"a\":{\"dtype\":\"F64\",\"shape\":[1],\"data_offsets\":[0,8]},\"a\":{\"dtype\":\"F64\",\"shape\":[1],\"data_offsets\":[0,8]}}", TestName = "DuplicateTensorNameIsRefused")]
    [TestCase("{\"__metadata__\":{\"k\":\"1\",\"k\":\"2\"},\"a\":{\"dtype\":\"F64\",\"shape\":[1],\"data_offsets\":[0,8]}}", TestName = "DuplicateMetadataKeyIsRefused")]
    [TestCase("{\"a\":{\"dtype\":\"F64\",\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,8]}}", TestName = "DuplicateEntryFieldIsRefused")]
    [TestCase("{\"\\ud800\":{\"dtype\":\"F64\",\"shape\":[1],\"data_offsets\":[0,8]}}", TestName = "LoneSurrogateEscapeInANameIsRefused")]
    public void DuplicateKeysAndBadStringsNameTheFile(string header) => Refused(SafeTensorsBytes.Build(header, Data(8)));

    [TestCase(0xFF)]
    [TestCase(0xC0)]
    [TestCase(0x80)]
    public void InvalidUtf8InTheHeaderNamesTheFile(int badByte)
    {
        var header = Encoding.UTF8.GetBytes(OneDouble);
        header[2] = (byte)badByte; // inside the tensor's name
        Assert.That(Refused(SafeTensorsBytes.Build(header, Data(8))).Message, Does.Contain("UTF-8"));
    }
}
