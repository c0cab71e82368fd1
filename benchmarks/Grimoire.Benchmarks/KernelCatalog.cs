using Grimoire.Kernels;

namespace Grimoire.Benchmarks;

/// <summary>Kernels to benchmark come from the registry, so a newly registered kernel is timed with no edit here.</summary>
public static class KernelCatalog
{
    // Both the host and each benchmark process reach this before reading the registry: every backend this project
    // ships, and the plugins under tests/Plugins that it references.
    static KernelCatalog()
    {
        KernelRegistry.AddProvider<Grimoire.Native.NativeKernelProvider>();
        KernelRegistry.AddProvider<Grimoire.Gpu.GpuKernelProvider>();
        KernelProviders.LoadPlugins(AppContext.BaseDirectory, "Grimoire.Plugins.*.dll");
    }

    /// <summary>Variants of <paramref name="op"/> usable on this machine for <paramref name="dtype"/>.</summary>
    public static IEnumerable<string> UsableVariants(string op, DType dtype, bool includeReference = true)
    {
        return KernelRegistry.All
            .Where(k => k.Info.Op == op && k.Info.DType == dtype && k.Info.IsUsable && k.Info.Device == "cpu")
            .Where(k => includeReference || !k.Info.IsReference)
            .OrderByDescending(k => k.Info.Priority)
            .Select(k => k.Info.Variant);
    }

    /// <summary>Splits an "op:variant" benchmark parameter.</summary>
    public static (string Op, string Variant) Split(string kernel)
    {
        var colon = kernel.IndexOf(':');
        return (kernel[..colon], kernel[(colon + 1)..]);
    }

    public static Kernel Get(string op, DType dtype, string variant)
    {
        return KernelRegistry.All.Single(k => k.Info.Op == op && k.Info.DType == dtype && k.Info.Variant == variant);
    }
}
