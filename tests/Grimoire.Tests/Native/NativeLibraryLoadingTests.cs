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
    public void StaleLibraryWithoutTheEntryPointsIsRefusedWithTheirNames()
    {
        // Any shared library that loads but lacks the grimblas symbols stands in for a stale build.
        var standIn = new[] { "/lib/x86_64-linux-gnu/libm.so.6", "/usr/lib/x86_64-linux-gnu/libm.so.6", "/lib64/libm.so.6", "/usr/lib64/libm.so.6" }.FirstOrDefault(File.Exists);
        if (standIn is null) Assert.Ignore("no libm.so.6 in the usual places to stand in for a stale library");
        var dir = Directory.CreateTempSubdirectory("grimblas-stale").FullName;
        try
        {
            File.Copy(standIn, Path.Combine(dir, GrimBlasLibrary.FileName));
            var result = GrimBlasLibrary.Load(GrimBlasLibrary.FileName, [dir]);
            Assert.That(result.Handle, Is.EqualTo((nint)0));
            Assert.That(result.Failure, Does.Contain("lacks").And.Contain("grimblas_sgemm").And.Contain("grimblas_vendor_sgemm").And.Contain("dotnet build"));
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    [Test]
    public void EveryDeclaredEntryPointIsRequiredAtLoad()
    {
        Assert.That(GrimBlasLibrary.RequiredSymbols, Has.Count.EqualTo(13));
        Assert.That(GrimBlasLibrary.RequiredSymbols, Does.Contain("grimblas_sgemm_bias_act").And.Contain("grimblas_last_error"));
    }

    [Test]
    public void NativeKernelsAreRegisteredOnTheHostWithTheLibrarysAvailability()
    {
        var native = KernelRegistry.All.Where(k => k.Info.Backend.StartsWith(NativeKernelProvider.Backend, StringComparison.Ordinal)).ToList();
        Assert.That(native.Select(k => $"{k.Info.Op}:{k.Info.Variant}"),
            Is.SupersetOf(new[] { "matmul:native", "softmax:native", "log_softmax:native", "matmul:native-openblas" }));
        Assert.That(native.All(k => k.Info.Device == "cpu" && k.Info.Priority < 20), "host memory, below the managed AVX-512 and AVX2 kernels");
        var openblas = native.Single(k => k.Info.Variant == "native-openblas");
        Assert.That(openblas.Info.UnavailableReason, Is.EqualTo(VendorBlas.Probe(BlasVendor.OpenBlas).UnavailableReason));
    }
}
