using System.Runtime.CompilerServices;
using Grimoire.Gpu;
using Grimoire.Kernels;
using Grimoire.Ml.Models;
using Grimoire.Native;

namespace Grimoire.Tests;

/// <summary>Every backend and plugin the suite tests joins the registry when the test assembly loads, before NUnit
/// enumerates test cases from the registry: the native and GPU backends by provider, and every kernel plugin under
/// tests/Plugins (built beside the tests as Grimoire.Plugins.*) from the output folder, and the model plugins there
/// into the model catalogue.</summary>
internal static class TestBackends
{
    public static IReadOnlyList<string> PluginReport { get; private set; } = [];

    /// <summary>What the model catalogue said about the same plugin files.</summary>
    public static IReadOnlyList<string> ModelPluginReport { get; private set; } = [];

#pragma warning disable CA2255 // the test assembly is the application here: registration must precede test discovery
    [ModuleInitializer]
#pragma warning restore CA2255
    internal static void Register()
    {
        KernelRegistry.AddProvider<NativeKernelProvider>();
        KernelRegistry.AddProvider<GpuKernelProvider>();
        PluginReport = KernelProviders.LoadPlugins(AppContext.BaseDirectory, "Grimoire.Plugins.*.dll");
        ModelPluginReport = ModelCatalogue.LoadPlugins(AppContext.BaseDirectory, "Grimoire.Plugins.*.dll");
    }
}
