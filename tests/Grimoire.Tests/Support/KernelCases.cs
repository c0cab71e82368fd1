using Grimoire.Kernels;

namespace Grimoire.Tests.Support;

/// <summary>Test cases over registered kernels, so a new kernel is tested with no new test code.</summary>
public static class KernelCases
{
    /// <summary>(op, dtype, variant) of every non-reference kernel <paramref name="filter"/> accepts, in a stable order,
    /// named "<paramref name="title"/> op:variant dtype (backend)".</summary>
    public static IEnumerable<TestCaseData> Where(Func<KernelInfo, bool> filter, string title) =>
        KernelRegistry.All
            .Where(k => !k.Info.IsReference && filter(k.Info))
            .OrderBy(k => k.Info.Op).ThenBy(k => k.Info.DType).ThenBy(k => k.Info.Variant)
            .Select(k => new TestCaseData(k.Info.Op, k.Info.DType, k.Info.Variant).SetName($"{title} {k.Info.Op}:{k.Info.Variant} {k.Info.DType.Name()} ({k.Info.Backend})"));

    /// <summary>The variants of the float32 CPU kernels of <paramref name="op"/> that run on this machine, references excluded.</summary>
    public static IEnumerable<string> UsableCpuVariants(string op) =>
        KernelRegistry.All.Where(k => k.Info.Op == op && k.Info.DType == DType.Float32 && k.Info.IsUsable && !k.Info.IsReference && k.Info.Device == "cpu")
            .Select(k => k.Info.Variant);

    /// <summary>The kernel, or the test is ignored with the reason it cannot run on this machine (never passed).</summary>
    public static Kernel Runnable(string op, DType dtype, string variant)
    {
        var kernel = KernelRegistry.All.Single(k => k.Info.Op == op && k.Info.DType == dtype && k.Info.Variant == variant);
        if (kernel.Info.UnavailableReason is { } why) Assert.Ignore($"{kernel.Info} cannot run here: {why}");
        return kernel;
    }
}
