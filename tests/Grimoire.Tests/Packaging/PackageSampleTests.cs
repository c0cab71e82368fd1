using System.IO.Compression;
using System.Text.Json;
using Grimoire.Tests.Support;
using static Grimoire.Tests.Support.ChildProcess;

namespace Grimoire.Tests.Packaging;

/// <summary>The NuGet packages as a user gets them: `dotnet pack` of the built solution into a fresh folder feed, each
/// package's contents, then samples/PackageSample restored from that feed alone (no project reference), run as built
/// and as a single-file publish, and the grimoire tool installed from the feed. The packages get a version no earlier
/// run used, so NuGet's global cache cannot hand back a stale copy; those cached copies are deleted afterwards.
/// Third-party packages come from the usual source (the global cache after the first restore). About a minute.</summary>
[Category("Packaging")]
public class PackageSampleTests
{
    private static readonly string[] Libraries =
        ["Grimoire.Core", "Grimoire.Cpu", "Grimoire.Native", "Grimoire.Gpu", "Grimoire.Nn", "Grimoire.Ml", "Grimoire.Models", "Grimoire.Imaging", "Grimoire.Rl"];

    private const string Tool = "Grimoire.Cli";

    private string _root = "";
    private string _feed = "";
    private string _sample = "";
    private string _version = "";

    [OneTimeSetUp]
    public void PackIntoAFolderFeed()
    {
        var engine = typeof(Tensor).Assembly.GetName().Version!;
        _version = $"{engine.Major}.{engine.Minor}.{engine.Build}-packagetest.{Guid.NewGuid():N}";
        _root = Directory.CreateTempSubdirectory("grimoire-packages").FullName;
        // The sample's nuget.config names the feed as ../../artifacts/packages: keep that layout in the copy.
        _feed = Directory.CreateDirectory(Path.Combine(_root, "artifacts", "packages")).FullName;
        _sample = CopySample(Path.Combine(_root, "samples", "PackageSample"));
        var pack = Run("dotnet", "pack", Path.Combine(RepositoryLayout.Root, "GrimoireEngine.sln"), "-c", RepositoryLayout.Configuration,
            "--no-build", "-o", _feed, $"-p:Version={_version}");
        Assert.That(pack.ExitCode, Is.Zero, pack.Output);
    }

    [OneTimeTearDown]
    public void DeleteFeedAndCachedCopies()
    {
        if (_root.Length > 0) Directory.Delete(_root, true);
        var cache = Environment.GetEnvironmentVariable("NUGET_PACKAGES")
            ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        foreach (var id in Libraries.Append(Tool))
        {
            var folder = new DirectoryInfo(Path.Combine(cache, id.ToLowerInvariant()));
            var copy = new DirectoryInfo(Path.Combine(folder.FullName, _version));
            if (copy.Exists) copy.Delete(true);
            if (folder.Exists && !folder.EnumerateFileSystemInfos().Any()) folder.Delete();
        }
    }

    [Test]
    public void EveryLibraryAndTheToolArePackedWithSymbols()
    {
        foreach (var id in Libraries.Append(Tool))
        {
            Assert.That(File.Exists(Package(id)), $"{id}.{_version}.nupkg");
            Assert.That(File.Exists(Path.ChangeExtension(Package(id), ".snupkg")), $"{id}.{_version}.snupkg");
        }
    }

    [TestCaseSource(nameof(Libraries))]
    public void ALibraryPackageHasItsXmlDocsReadmeLicenceAndCommit(string id)
    {
        using var package = ZipFile.OpenRead(Package(id));
        var files = package.Entries.Select(e => e.FullName).ToList();
        Assert.That(files, Has.Member($"lib/net10.0/{id}.dll").And.Member($"lib/net10.0/{id}.xml").And.Member("README.md"));
        var nuspec = Nuspec(package, id);
        Assert.That(nuspec, Does.Contain("<readme>README.md</readme>").And.Contain("<license type=\"expression\">").And.Contain("<description>"));
        Assert.That(nuspec, Does.Match("<repository type=\"git\" url=\"[^\"]+\" (branch=\"[^\"]+\" )?commit=\"[0-9a-f]{40}\""));
    }

    [Test]
    public void TheNativePackageCarriesLibGrimBlasAsALinuxX64Asset()
    {
        using var package = ZipFile.OpenRead(Package("Grimoire.Native"));
        Assert.That(package.Entries.Select(e => e.FullName), Has.Member("runtimes/linux-x64/native/libgrimblas.so"));
    }

    [Test]
    public void TheToolPackageIsTheGrimoireCommandWithTheNativeLibrary()
    {
        using var package = ZipFile.OpenRead(Package(Tool));
        var files = package.Entries.Select(e => e.FullName).ToList();
        Assert.That(files, Has.Member("tools/net10.0/any/DotnetToolSettings.xml").And.Member("tools/net10.0/any/libgrimblas.so").And.Member("README.md"));
        using var reader = new StreamReader(package.GetEntry("tools/net10.0/any/DotnetToolSettings.xml")!.Open());
        Assert.That(reader.ReadToEnd(), Does.Contain("<Command Name=\"grimoire\""));
    }

    [Test]
    public void TheSampleBuiltFromThePackagesAloneTrainsFitsAndRunsForcedKernels()
    {
        var build = RunIn(_sample, "dotnet", "build", "-c", "Release", $"-p:GrimoireVersion={_version}");
        Assert.That(build.ExitCode, Is.Zero, build.Output);
        Assert.That(GrimoireLibraryTypes(), Is.EquivalentTo(new[] { "Grimoire.Core", "Grimoire.Cpu", "Grimoire.Native", "Grimoire.Nn", "Grimoire.Ml" }
            .Select(id => $"{id}/{_version}: package")), "every Grimoire assembly comes from a package of this run");
        var run = Run("dotnet", Path.Combine(_sample, "bin", "Release", "net10.0", "PackageSample.dll"));
        AssertSampleOutput(run);
        Assert.That(run.Output, Does.Contain("runtimes/linux-x64/native/libgrimblas.so"), "loaded from the package's runtime asset folder");
    }

    [Test]
    public void ASingleFilePublishOfTheSampleRuns()
    {
        var output = Path.Combine(_root, "single-file");
        var publish = RunIn(_sample, "dotnet", "publish", "-c", "Release", "-r", "linux-x64", "--self-contained", "false",
            "-p:PublishSingleFile=true", $"-p:GrimoireVersion={_version}", "-o", output);
        Assert.That(publish.ExitCode, Is.Zero, publish.Output);
        Assert.That(Directory.EnumerateFiles(output, "Grimoire*.dll"), Is.Empty, "the engine's assemblies are inside the single file");
        AssertSampleOutput(Run(Path.Combine(output, "PackageSample")));
    }

    [Test]
    public void TheGrimoireToolInstallsFromTheFeedAndFindsItsNativeLibrary()
    {
        // Only the feed: a tool package carries its dependencies.
        var config = Path.Combine(_root, "tool.nuget.config");
        File.WriteAllText(config, $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration><packageSources><clear /><add key="feed" value="{_feed}" /></packageSources></configuration>
            """);
        var tools = Path.Combine(_root, "tools");
        var install = Run("dotnet", "tool", "install", Tool, "--tool-path", tools, "--version", _version, "--configfile", config);
        Assert.That(install.ExitCode, Is.Zero, install.Output);
        var info = Run(Path.Combine(tools, "grimoire"), "info");
        Assert.That(info.ExitCode, Is.Zero, info.Output);
        Assert.That(info.Output, Does.Match(@"native: +libgrimblas \S+ \(.*libgrimblas\.so\)"));
    }

    private static void AssertSampleOutput((int ExitCode, string Output) run)
    {
        Assert.That(run.ExitCode, Is.Zero, run.Output);
        Assert.That(run.Output, Does.Contain("package sample: ok").And.Contain("4/4 right").And.Contain("matmul forced native: ran native"));
    }

    private string Package(string id) => Path.Combine(_feed, $"{id}.{_version}.nupkg");

    private static string Nuspec(ZipArchive package, string id)
    {
        using var reader = new StreamReader(package.GetEntry($"{id}.nuspec")!.Open());
        return reader.ReadToEnd();
    }

    /// <summary>"id/version: type" of every Grimoire library in the sample's restore result (type "project" would mean a
    /// project reference crept in).</summary>
    private IEnumerable<string> GrimoireLibraryTypes()
    {
        using var assets = JsonDocument.Parse(File.ReadAllText(Path.Combine(_sample, "obj", "project.assets.json")));
        return assets.RootElement.GetProperty("libraries").EnumerateObject()
            .Where(library => library.Name.StartsWith("Grimoire.", StringComparison.Ordinal))
            .Select(library => $"{library.Name}: {library.Value.GetProperty("type").GetString()}")
            .ToList();
    }

    /// <summary>The sample's sources and settings, without any bin/ or obj/ a local run left behind.</summary>
    private static string CopySample(string destination)
    {
        var source = Path.Combine(RepositoryLayout.Root, "samples", "PackageSample");
        Directory.CreateDirectory(destination);
        foreach (var file in Directory.EnumerateFiles(source))
            File.Copy(file, Path.Combine(destination, Path.GetFileName(file)));
        return destination;
    }
}
