using Grimoire.Kernels;
using Grimoire.Tests.Support;
using static Grimoire.Tests.Support.ChildProcess;

namespace Grimoire.Tests.Registry;

/// <summary>Where kernels come from, as an application sees it: one that references Grimoire.Nn and the CPU backend
/// (tests/Apps/NnOnlyApp) trains with no registration call, built and as a single-file publish (where no assembly lies
/// on disk to be found by a file name); plugin folders load assemblies of any name and say what they skipped.</summary>
public class ApplicationDiscoveryTests
{
    private static readonly string Configuration = RepositoryLayout.Configuration;
    private static readonly string App = Path.Combine(RepositoryLayout.Root, "tests", "Apps", "NnOnlyApp");

    [Test]
    public void AnApplicationAsBuiltFindsTheCpuBackend()
    {
        var dll = Path.Combine(App, "bin", Configuration, "net10.0", "NnOnlyApp.dll");
        Assert.That(File.Exists(dll), $"{dll} is built with the test project");
        AssertTrains(Run("dotnet", dll));
    }

    [Test]
    public void ASingleFilePublishFindsTheCpuBackend()
    {
        var output = Directory.CreateTempSubdirectory("grimoire-single-file").FullName;
        try
        {
            var publish = Run("dotnet", "publish", Path.Combine(App, "NnOnlyApp.csproj"), "-c", Configuration, "-r", "linux-x64",
                "--self-contained", "false", "-p:PublishSingleFile=true", "-o", output);
            Assert.That(publish.ExitCode, Is.Zero, publish.Output);
            Assert.That(Directory.EnumerateFiles(output, "Grimoire*.dll"), Is.Empty, "the engine's assemblies are inside the single file");
            AssertTrains(Run(Path.Combine(output, "NnOnlyApp")));
        }
        finally
        {
            Directory.Delete(output, true);
        }
    }

    [Test]
    public void PluginFoldersLoadAnyAssemblyNameAndSayWhatTheySkipped()
    {
        var folder = Directory.CreateTempSubdirectory("grimoire-plugins").FullName;
        try
        {
            File.Copy(Path.Combine(AppContext.BaseDirectory, "Grimoire.Plugins.TensorPrimitives.dll"), Path.Combine(folder, "Acme.Kernels.dll"));
            File.Copy(Path.Combine(AppContext.BaseDirectory, "Grimoire.Core.dll"), Path.Combine(folder, "Unrelated.dll"));
            File.WriteAllText(Path.Combine(folder, "notes.dll"), "not an assembly");
            var report = KernelProviders.LoadPlugins(folder);
            Assert.That(report, Has.Count.EqualTo(3));
            Assert.That(report.Single(l => l.Contains("Acme.Kernels.dll")), Does.StartWith("loaded").And.Contain("TensorPrimitivesKernelProvider"));
            Assert.That(report.Single(l => l.Contains("Unrelated.dll")), Does.StartWith("skipped").And.Contain("KernelProvider"));
            Assert.That(report.Single(l => l.Contains("notes.dll")), Does.StartWith("skipped"));
            Assert.That(KernelRegistry.All.Any(k => k.Info.Variant == "tensorprimitives"));
        }
        finally
        {
            Directory.Delete(folder, true);
        }
    }

    [Test]
    public void AMissingPluginFolderIsReported() =>
        Assert.That(KernelProviders.LoadPlugins("/nonexistent/plugins"), Is.EqualTo(new[] { "/nonexistent/plugins: not a directory; no plugins loaded from it" }));

    [Test]
    public void AddingAProviderTwiceRegistersItOnce()
    {
        var before = KernelRegistry.All.Count;
        KernelRegistry.AddProvider<Grimoire.Native.NativeKernelProvider>();
        Assert.That(KernelRegistry.All, Has.Count.EqualTo(before));
        Assert.That(KernelProviders.Added, Has.Member(typeof(Grimoire.Cpu.CpuKernelProvider)).And.Member(typeof(Grimoire.Native.NativeKernelProvider)));
    }

    private static void AssertTrains((int ExitCode, string Output) run)
    {
        Assert.That(run.ExitCode, Is.Zero, run.Output);
        Assert.That(run.Output, Does.Match(@"linear kernel: (avx512|avx2|reference)"));
    }
}
