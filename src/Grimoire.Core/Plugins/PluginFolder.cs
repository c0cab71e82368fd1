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

    /// <summary>The directories named in <see cref="PathVariable"/>, in order.</summary>
    public static IReadOnlyList<string> FromEnvironment() =>
        (Environment.GetEnvironmentVariable(PathVariable) ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>Loads each file of <paramref name="directory"/> matching <paramref name="searchPattern"/> (or finds the
    /// already loaded assembly with its identity), in name order, and hands it to <paramref name="register"/>, which
    /// returns what it added, or null when the assembly declares no <paramref name="attribute"/>. Their own dependencies
    /// resolve from the same directory. One line per file: what was loaded, or what was skipped and why.</summary>
    public static IReadOnlyList<string> Load(string directory, string searchPattern, string attribute, Func<Assembly, string?> register)
    {
        ArgumentNullException.ThrowIfNull(register);
        if (!Directory.Exists(directory)) return [$"{directory}: not a directory; no plugins loaded from it"];
        ResolveDependenciesFrom(directory);
        var report = new List<string>();
        foreach (var file in Directory.EnumerateFiles(directory, searchPattern).Order())
        {
            try
            {
                var name = AssemblyName.GetAssemblyName(file);
                var assembly = AppDomain.CurrentDomain.GetAssemblies().FirstOrDefault(a => AssemblyName.ReferenceMatchesDefinition(a.GetName(), name))
                    ?? AssemblyLoadContext.Default.LoadFromAssemblyPath(Path.GetFullPath(file));
                report.Add(register(assembly) is { } added ? $"loaded {file}: {added}" : $"skipped {file}: declares no [assembly: {attribute}]");
            }
            catch (Exception e) when (e is BadImageFormatException or FileLoadException or FileNotFoundException or InvalidOperationException or TypeLoadException)
            {
                report.Add($"skipped {file}: {e.Message}");
            }
        }
        return report;
    }

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
