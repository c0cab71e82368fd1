using Grimoire.Kernels;
using Grimoire.Native;
using Grimoire.Native.Interop;

namespace Grimoire.Tests.Native;

/// <summary>Finding libgrimblas: built beside the tests by `dotnet build`; when it cannot be found, the error lists every
/// path tried and how to build it, and the native kernels report that reason instead of running.</summary>
public class NativeLibraryLoadingTests
{
    [Test]
    public void BuiltLibraryLoadsFromTheOutputDirectory()
    {
        Assert.That(GrimBlasLibrary.UnavailableReason, Is.Null);
        Assert.That(GrimBlasLibrary.LoadedPath, Is.EqualTo(Path.Combine(AppContext.BaseDirectory, GrimBlasLibrary.FileName)));
        Assert.That(NativeBlas.Version, Does.Match(@"^\d+\.\d+\.\d+$"));
        Assert.That(NativeBlas.KernelIsa, Is.AnyOf("avx512", "avx2", "scalar"));
    }

    [Test]
    public void MissingLibraryNamesEveryPathTriedAndHowToBuild()
    {
        var empty = Directory.CreateTempSubdirectory("grimblas-missing").FullName;
        try
        {
            var result = GrimBlasLibrary.Load(GrimBlasLibrary.FileName, [empty, "/nonexistent"]);
            Assert.That(result.Handle, Is.EqualTo((nint)0));
            Assert.That(result.Failure, Does.Contain(Path.Combine(empty, GrimBlasLibrary.FileName) + " (no such file)")
                .And.Contain("/nonexistent/libgrimblas.so").And.Contain("dotnet build").And.Contain(GrimBlasLibrary.PathVariable));
        }
        finally
        {
            Directory.Delete(empty, true);
        }
    }

    [Test]
    public void FileThatIsNotALibraryReportsTheLoaderError()
    {
        var dir = Directory.CreateTempSubdirectory("grimblas-corrupt").FullName;
        try
        {
            File.WriteAllText(Path.Combine(dir, GrimBlasLibrary.FileName), "not an ELF file");
            var failure = GrimBlasLibrary.Load(GrimBlasLibrary.FileName, [dir]).Failure;
            Assert.That(failure, Does.Contain(Path.Combine(dir, GrimBlasLibrary.FileName) + " (").And.Not.Contain("no such file"));
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    [Test]
    public void NativeKernelsAreRegisteredOnTheHostWithTheLibrarysAvailability()
    {
        var native = KernelRegistry.All.Where(k => k.Info.Backend.StartsWith(NativeKernelProvider.Backend, StringComparison.Ordinal)).ToList();
        Assert.That(native.Select(k => $"{k.Info.Op}:{k.Info.Variant}"),
            Is.SupersetOf(new[] { "matmul:native", "softmax:native", "log_softmax:native", "matmul:native-openblas" }));
        Assert.That(native.All(k => k.Info.Device == "cpu" && k.Info.Priority < 30), "host memory, below the managed AVX-512 kernels");
        var openblas = native.Single(k => k.Info.Variant == "native-openblas");
        Assert.That(openblas.Info.UnavailableReason, Is.EqualTo(VendorBlas.Probe(BlasVendor.OpenBlas).UnavailableReason));
    }
}
