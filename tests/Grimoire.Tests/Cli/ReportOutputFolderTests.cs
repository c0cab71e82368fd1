namespace Grimoire.Tests.Cli;

/// <summary>The report commands check their output folder before measuring: a path under a file is refused at once,
/// naming the path, instead of after minutes of measurements (the test would time out or print progress otherwise).</summary>
public class ReportOutputFolderTests
{
    private string _file = "";

    [SetUp]
    public void CreateFile() => File.WriteAllText(_file = Path.GetTempFileName(), "not a folder");

    [TearDown]
    public void DeleteFile() => File.Delete(_file);

    [TestCase("report", "--devices", "cpu")]
    [TestCase("bench", "cpu")]
    public void AnOutputPathUnderAFileFailsBeforeAnyMeasurement(params string[] command)
    {
        var folder = Path.Combine(_file, "sub");
        var run = CliRun.Of([.. command, "--quick", "--out", folder]);
        Assert.That(run.ExitCode, Is.EqualTo(1));
        Assert.That(run.Err, Does.StartWith("error: cannot create the output folder").And.Contain(folder));
        Assert.That(run.Out + run.Err, Does.Not.Contain("measuring"));
    }
}
