using System.Reflection;
using Grimoire.Gpu;
using ILGPU;
using ILGPU.Backends.EntryPoints;
using ILGPU.Backends.PTX;
using ILGPU.Runtime;
using ILGPU.Runtime.Cuda;

namespace Grimoire.Tests.Gpu;

/// <summary>Compiles every [GpuKernel] method to PTX for the H100 (sm_90) with no GPU present. The CPU accelerator
/// runs kernels as plain .NET and so misses what the CUDA code generator rejects (Math.Clamp, MathF.FusedMultiplyAdd);
/// this catches it. Kernels are found by reflection, so a new one is covered without a new test.</summary>
[TestFixture]
public sealed class PtxCompileTests
{
    public static IEnumerable<TestCaseData> Kernels() =>
        typeof(GpuKernelProvider).Assembly.GetTypes()
            .SelectMany(t => t.GetMethods(BindingFlags.Static | BindingFlags.NonPublic | BindingFlags.Public))
            .Where(m => m.GetCustomAttribute<GpuKernelAttribute>() is not null)
            .OrderBy(m => m.DeclaringType!.Name).ThenBy(m => m.Name)
            .Select(m => new TestCaseData(m).SetName($"PTX sm_90 {m.DeclaringType!.Name}.{m.Name}"));

    [Test]
    public void EveryKernelClassIsFound() => Assert.That(Kernels().Count(), Is.GreaterThanOrEqualTo(20));

    [TestCaseSource(nameof(Kernels))]
    public void CompilesToPtxWithoutUnresolvedCalls(MethodInfo kernel)
    {
        var ptx = Ptx(kernel);
        Assert.That(ptx, Does.Contain(".entry"), "no entry point in the PTX");
        Assert.That(ptx, Does.Not.Contain(".extern .func"), "the kernel calls a function CUDA cannot resolve");
    }

    /// <summary>The SGEMM's sixteen accumulators are a struct of fields so that they stay in registers: the PTX declares no
    /// local (stack) memory, which an array of accumulators would need.</summary>
    [Test]
    public void TheGemmTileStaysInRegisters()
    {
        var kernel = typeof(GpuKernelProvider).Assembly.GetType("Grimoire.Gpu.Kernels.MatMulKernels")!.GetMethod("TiledKernel", BindingFlags.Static | BindingFlags.NonPublic)!;
        var ptx = Ptx(kernel);
        Assert.That(ptx, Does.Contain(".shared"), "the A and B panels are in shared memory");
        Assert.That(ptx, Does.Not.Contain(".local"), "nothing of the tile spills to local memory");
    }

    private static string Ptx(MethodInfo kernel)
    {
        // A failed compile poisons its context, so each kernel gets a fresh one.
        using var context = Context.Create(b => b.Cuda().EnableAlgorithms());
        var backend = new PTXBackend(context, new CudaCapabilityContext(CudaArchitecture.SM_90), CudaArchitecture.SM_90, CudaInstructionSet.ISA_88, null);
        var grouped = kernel.GetCustomAttribute<GpuKernelAttribute>()!.ExplicitlyGrouped;
        var entry = grouped ? EntryPointDescription.FromExplicitlyGroupedKernel(kernel) : EntryPointDescription.FromImplicitlyGroupedKernel(kernel);
        return ((PTXCompiledKernel)backend.Compile(entry, KernelSpecialization.Empty)).PTXAssembly;
    }
}
