using System.Reflection;
using Grimoire.Plugins;

namespace Grimoire.Kernels;

/// <summary>Where kernels come from. The built-in CPU backend (assembly <see cref="DefaultBackendAssembly"/>) is loaded
/// by name whenever the application ships it (a project or package reference, in a normal or a single-file build), so an
/// application that references a library such as Grimoire.Nn and the CPU backend needs no call. Every other backend or
/// plugin joins explicitly: <see cref="KernelRegistry.AddProvider{TProvider}"/>, <see cref="AddFrom"/> for the
/// providers an assembly declares, or <see cref="LoadPlugins"/> for a plugin folder. The directories in
/// <see cref="PluginPathVariable"/> are loaded that way on first use (opt-in), with one line on standard error per file
/// saying what was loaded or skipped and why.</summary>
public static class KernelProviders
{
    /// <summary>Assembly name of the built-in CPU backend, loaded before the first lookup when the application ships it.</summary>
    public const string DefaultBackendAssembly = "Grimoire.Cpu";

    /// <summary>Directories (separated like PATH) whose assemblies, of any name, are loaded as kernel plugins.</summary>
    public const string PluginPathVariable = PluginFolder.PathVariable;

    private static readonly Lock s_lock = new();
    private static readonly HashSet<Type> s_added = [];
    private static volatile bool s_defaultsLoaded;
    [ThreadStatic] private static bool t_loadingDefaults;

    /// <summary>Provider types registered so far, in order.</summary>
    public static IReadOnlyList<Type> Added
    {
        get
        {
            lock (s_lock) return [.. s_added];
        }
    }

    /// <summary>Registers every provider <paramref name="assembly"/> declares with <see cref="KernelProviderAttribute"/>
    /// (each once); returns them.</summary>
    /// <exception cref="InvalidOperationException">a declared type is not an <see cref="IKernelProvider"/> with a public parameterless constructor.</exception>
    public static IReadOnlyList<Type> AddFrom(Assembly assembly)
    {
        var types = assembly.GetCustomAttributes<KernelProviderAttribute>().Select(a => a.ProviderType).ToList();
        foreach (var type in types) Add(type);
        return types;
    }

    /// <summary>Loads the assemblies in <paramref name="directory"/> matching <paramref name="searchPattern"/>, whatever
    /// their names, and registers the providers they declare. Their own dependencies resolve from the same directory.
    /// Returns one line per file: what was loaded, or what was skipped and why.</summary>
    public static IReadOnlyList<string> LoadPlugins(string directory, string searchPattern = "*.dll") =>
        PluginFolder.Load(directory, searchPattern, "KernelProvider", assembly =>
            AddFrom(assembly) is { Count: > 0 } providers ? string.Join(", ", providers.Select(p => p.FullName)) : null);

    /// <summary>Registers the provider of <paramref name="providerType"/> once.</summary>
    internal static void Add(Type providerType)
    {
        if (!typeof(IKernelProvider).IsAssignableFrom(providerType) || providerType.GetConstructor(Type.EmptyTypes) is null)
            throw new InvalidOperationException($"kernel provider {providerType} must implement {nameof(IKernelProvider)} and have a public parameterless constructor");
        lock (s_lock)
        {
            if (!s_added.Add(providerType)) return;
            ((IKernelProvider)Activator.CreateInstance(providerType)!).Register(new KernelRegistry.Registrar());
        }
    }

    /// <summary>The CPU backend and the plugin directories, once, before the first kernel is looked up. Other threads
    /// wait until they are in; a provider that looks kernels up while registering sees what is in so far.</summary>
    internal static void EnsureDefaults()
    {
        if (s_defaultsLoaded || t_loadingDefaults) return;
        lock (s_lock)
        {
            if (s_defaultsLoaded) return;
            t_loadingDefaults = true;
            try
            {
                LoadDefaultBackend();
                foreach (var dir in PluginFolder.FromEnvironment())
                {
                    foreach (var line in LoadPlugins(dir)) Console.Error.WriteLine($"grimoire: {PluginPathVariable}: {line}");
                }
            }
            finally
            {
                t_loadingDefaults = false;
            }
            s_defaultsLoaded = true;
        }
    }

    private static void LoadDefaultBackend()
    {
        Assembly cpu;
        try
        {
            cpu = Assembly.Load(new AssemblyName(DefaultBackendAssembly));
        }
        catch (FileNotFoundException)
        {
            return; // an application without the CPU backend: lookups then say that no kernel is registered
        }
        AddFrom(cpu);
    }
}
