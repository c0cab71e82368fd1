using System.Reflection;
using System.Runtime.Loader;

namespace Grimoire.Plugins;

/// <summary>Assemblies loaded from plugin folders, whatever they declare: the kernel registry takes the kernel providers
/// they name and the model catalogue the model providers, so one folder (and one <see cref="PathVariable"/>) serves every
/// kind of plugin. Loading is opt-in: nothing is read from a folder unless an application names it.</summary>
public static class PluginFolder
{
    /// <summary>Directories (separated like PATH) whose assemblies, of any name, are loaded as plugins on first use.</summary>
    public const string PathVariable = "GRIMOIRE_PLUGIN_PATH";

    private static readonly Lock s_lock = new();
    private static readonly HashSet<string> s_resolvingFrom = [];

    /// <summary>One assembly file of a folder: the assembly, or why it could not be loaded.</summary>
    public sealed record Entry(string File, Assembly? Assembly, string? Problem);

    /// <summary>The directories named in <see cref="PathVariable"/>, in order.</summary>
    public static IReadOnlyList<string> FromEnvironment() =>
        (Environment.GetEnvironmentVariable(PathVariable) ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>Loads each file of <paramref name="directory"/> matching <paramref name="searchPattern"/> (or finds the
    /// already loaded assembly with its identity), in name order; their own dependencies then resolve from the same
    /// directory. Null when <paramref name="directory"/> is not a directory.</summary>
    public static IReadOnlyList<Entry>? Load(string directory, string searchPattern = "*.dll")
    {
        if (!Directory.Exists(directory)) return null;
        ResolveDependenciesFrom(directory);
        var entries = new List<Entry>();
        foreach (var file in Directory.EnumerateFiles(directory, searchPattern).Order())
        {
            try
            {
                var name = AssemblyName.GetAssemblyName(file);
                var assembly = AppDomain.CurrentDomain.GetAssemblies().FirstOrDefault(a => AssemblyName.ReferenceMatchesDefinition(a.GetName(), name))
                    ?? AssemblyLoadContext.Default.LoadFromAssemblyPath(Path.GetFullPath(file));
                entries.Add(new Entry(file, assembly, null));
            }
            catch (Exception e) when (e is BadImageFormatException or FileLoadException or FileNotFoundException)
            {
                entries.Add(new Entry(file, null, e.Message));
            }
        }
        return entries;
    }

    /// <summary>The line a registry reports for a folder that is not a directory.</summary>
    public static string NotADirectory(string directory) => $"{directory}: not a directory; no plugins loaded from it";

    private static void ResolveDependenciesFrom(string directory)
    {
        lock (s_lock)
        {
            if (!s_resolvingFrom.Add(directory)) return;
        }
        AssemblyLoadContext.Default.Resolving += (_, name) =>
        {
            var candidate = Path.Combine(directory, name.Name + ".dll");
            return File.Exists(candidate) ? AssemblyLoadContext.Default.LoadFromAssemblyPath(Path.GetFullPath(candidate)) : null;
        };
    }
}
