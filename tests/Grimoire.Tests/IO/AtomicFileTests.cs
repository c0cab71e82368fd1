using Grimoire.IO;

namespace Grimoire.Tests.IO;

/// <summary>Output files are replaced whole or not at all, and a failed write names the file and leaves nothing behind.</summary>
public sealed class AtomicFileTests
{
    private string _folder = "";

    [SetUp]
    public void CreateFolder() => _folder = Directory.CreateTempSubdirectory("grimoire-atomic-").FullName;

    [TearDown]
    public void DeleteFolder() => Directory.Delete(_folder, recursive: true);

    [Test]
    public void WritesTheBytesAndReplacesAnOldFile()
    {
        var path = Path.Combine(_folder, "out.bin");
        File.WriteAllBytes(path, [9, 9, 9, 9, 9]);
        AtomicFile.Write(path, s => s.Write([1, 2, 3]));
        Assert.That(File.ReadAllBytes(path), Is.EqualTo(new byte[] { 1, 2, 3 }));
        Assert.That(Directory.GetFiles(_folder), Has.Length.EqualTo(1));
    }

    [Test]
    public void AWriterThatFailsLeavesTheOldFileAndNoTemporaryFile()
    {
        var path = Path.Combine(_folder, "out.bin");
        File.WriteAllBytes(path, [7]);
        Assert.Throws<InvalidOperationException>(() => AtomicFile.Write(path, s =>
        {
            s.Write([1, 2]);
            throw new InvalidOperationException("writer failed");
        }));
        Assert.That(File.ReadAllBytes(path), Is.EqualTo(new byte[] { 7 }));
        Assert.That(Directory.GetFiles(_folder), Is.EqualTo(new[] { path }));
    }

    [Test]
    public void AMissingFolderIsAnIOExceptionNamingTheFile()
    {
        var path = Path.Combine(_folder, "no-such-folder", "out.bin");
        var error = Assert.Throws<IOException>(() => AtomicFile.Write(path, s => s.Write([1])))!;
        Assert.That(error.Message, Does.Contain(path).And.Contain("does not exist"));
        Assert.That(Directory.GetFileSystemEntries(_folder), Is.Empty);
    }
}
