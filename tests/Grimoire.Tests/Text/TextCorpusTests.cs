using Grimoire.Text;
using Grimoire.Text.Corpora;

namespace Grimoire.Tests.Text;

/// <summary>The shipped corpora load whole, user files are read as strict UTF-8, and the held-out tail is 10 %.</summary>
public sealed class TextCorpusTests
{
    [Test]
    public void ShippedCorporaLoadWhole()
    {
        var shakespeare = TextCorpus.Load("shakespeare");
        Assert.That(shakespeare, Has.Length.EqualTo(1_115_394));
        Assert.That(shakespeare, Does.StartWith("First Citizen:"));
        var names = TextCorpus.Load("names").Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.That(names, Has.Length.EqualTo(32_033));
        Assert.That(names[0], Is.EqualTo("emma"));
    }

    [Test]
    public void UserFilesAreReadAsUtf8WithoutTheByteOrderMark()
    {
        var path = Path.GetTempFileName();
        try
        {
            File.WriteAllBytes(path, [0xEF, 0xBB, 0xBF, .. "naïve ✓"u8.ToArray()]);
            Assert.That(TextCorpus.Load(path), Is.EqualTo("naïve ✓"));
        }
        finally { File.Delete(path); }
    }

    [TestCase(new byte[] { }, "empty")]
    [TestCase(new byte[] { 0x61, 0xFF, 0x62 }, "not UTF-8")]
    [TestCase(new byte[] { 0x61, 0xC3 }, "not UTF-8")]
    public void BadFilesAreRefusedByName(byte[] bytes, string problem)
    {
        var path = Path.GetTempFileName();
        try
        {
            File.WriteAllBytes(path, bytes);
            var error = Assert.Throws<TextDataException>(() => TextCorpus.Load(path))!;
            Assert.That(error.Message, Does.Contain(problem).And.Contain(path));
        }
        finally { File.Delete(path); }
    }

    [Test]
    public void MissingFileIsATextDataException() =>
        Assert.Throws<TextDataException>(() => TextCorpus.Load("/no/such/corpus.txt"));

    [Test]
    public void TheTailIsHeldOut()
    {
        var (train, validation) = TextCorpus.SplitTail(new string('a', 90) + new string('b', 10));
        Assert.That(train, Is.EqualTo(new string('a', 90)));
        Assert.That(validation, Is.EqualTo(new string('b', 10)));
        Assert.Throws<TextDataException>(() => TextCorpus.SplitTail("a"));
        Assert.Throws<ArgumentOutOfRangeException>(() => TextCorpus.SplitTail("abc", 1.0));
    }

    [Test]
    public void TheSplitNeverCutsASurrogatePair()
    {
        var text = string.Concat(Enumerable.Repeat("😀", 10));
        var (train, validation) = TextCorpus.SplitTail(text, 0.15);
        Assert.That(train + validation, Is.EqualTo(text));
        Assert.That(char.IsHighSurrogate(validation[0]), Is.True);
    }
}
