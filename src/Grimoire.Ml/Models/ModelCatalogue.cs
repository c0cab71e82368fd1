using System.Reflection;
using System.Text.Json.Nodes;
using Grimoire.Plugins;

namespace Grimoire.Ml.Models;

/// <summary>Every model of every family, by name, found the way kernels are: the classical estimators of this library
/// (<see cref="ClassicalModels"/>), the providers declared by the model libraries in <see cref="DefaultAssemblies"/>
/// whenever the application ships them (a project or package reference needs no call), and explicitly the providers of
/// an assembly (<see cref="AddFrom"/>), a plugin folder (<see cref="LoadPlugins"/>) or the folders named in
/// <see cref="PluginFolder.PathVariable"/> (opt-in, loaded on first use with one line on standard error per file).
/// Thread-safe; names are unique.</summary>
public static class ModelCatalogue
{
    /// <summary>Model libraries whose providers join whenever the application ships them.</summary>
    public static readonly IReadOnlyList<string> DefaultAssemblies = ["Grimoire.Models"];

    private static readonly Lock s_lock = new();
    private static readonly List<IModelPlugin> s_models = [];
    private static readonly HashSet<Type> s_providers = [];
    private static volatile bool s_defaultsLoaded;
    [ThreadStatic] private static bool t_loadingDefaults;

    /// <summary>Every model, classical first, then in the order their providers joined.</summary>
    public static IReadOnlyList<IModelPlugin> All
    {
        get
        {
            EnsureDefaults();
            lock (s_lock) return [.. s_models];
        }
    }

    /// <summary>The model called <paramref name="name"/>, or null.</summary>
    public static IModelPlugin? Named(string name) => All.FirstOrDefault(m => m.Name == name);

    /// <summary>The model called <paramref name="name"/>.</summary>
    /// <exception cref="ModelException">no model has that name; the message lists those that exist.</exception>
    public static IModelPlugin Find(string name) =>
        Named(name)
        ?? throw new ModelException($"unknown model '{name}'; models: {string.Join(", ", All.Select(m => m.Name))}");

    /// <summary>The JSON Schema of <paramref name="name"/>'s settings, as `--set` takes them.</summary>
    public static JsonObject SettingsSchema(string name)
    {
        var plugin = Find(name);
        return Settings.SettingsSchema.Of(plugin.Name, plugin.Settings);
    }

    /// <summary>Adds one model.</summary>
    /// <exception cref="InvalidOperationException">another model already has its name.</exception>
    public static void Add(IModelPlugin model)
    {
        ArgumentNullException.ThrowIfNull(model);
        EnsureDefaults();
        lock (s_lock) AddLocked(model);
    }

    /// <summary>Adds the models of every provider <paramref name="assembly"/> declares with
    /// <see cref="ModelProviderAttribute"/> (each provider once); returns the provider types.</summary>
    /// <exception cref="InvalidOperationException">a declared type is not an <see cref="IModelProvider"/> with a public
    /// parameterless constructor, or one of its models has a name already taken.</exception>
    public static IReadOnlyList<Type> AddFrom(Assembly assembly)
    {
        ArgumentNullException.ThrowIfNull(assembly);
        EnsureDefaults();
        return AddProviders(assembly).Providers;
    }

    /// <summary>Loads the assemblies of <paramref name="directory"/> matching <paramref name="searchPattern"/> and adds the
    /// models they declare; one line per file: what was added, or what was skipped and why.</summary>
    public static IReadOnlyList<string> LoadPlugins(string directory, string searchPattern = "*.dll")
    {
        EnsureDefaults();
        return LoadFolder(directory, searchPattern);
    }

    private static IReadOnlyList<string> LoadFolder(string directory, string searchPattern) =>
        PluginFolder.Load(directory, searchPattern, "ModelProvider", assembly =>
        {
            var (providers, added) = AddProviders(assembly);
            return providers.Count == 0 ? null : $"models {string.Join(", ", added.Select(m => m.Name))}";
        });

    /// <summary>The provider types <paramref name="assembly"/> declares, and the models that joined from those not yet in.</summary>
    private static (List<Type> Providers, List<IModelPlugin> Added) AddProviders(Assembly assembly)
    {
        var types = assembly.GetCustomAttributes<ModelProviderAttribute>().Select(a => a.ProviderType).ToList();
        var added = new List<IModelPlugin>();
        lock (s_lock)
        {
            foreach (var type in types.Where(t => !s_providers.Contains(t)))
            {
                if (!typeof(IModelProvider).IsAssignableFrom(type) || type.GetConstructor(Type.EmptyTypes) is null)
                    throw new InvalidOperationException($"model provider {type} must implement {nameof(IModelProvider)} and have a public parameterless constructor");
                var models = ((IModelProvider)Activator.CreateInstance(type)!).Models.ToList();
                var clash = models.FirstOrDefault(m => s_models.Any(existing => existing.Name == m.Name) || models.Count(o => o.Name == m.Name) > 1);
                if (clash is not null) throw new InvalidOperationException($"model provider {type} adds '{clash.Name}', a name already taken");
                s_models.AddRange(models);
                added.AddRange(models);
                s_providers.Add(type);
            }
        }
        return (types, added);
    }

    private static void AddLocked(IModelPlugin model)
    {
        if (s_models.Any(m => m.Name == model.Name)) throw new InvalidOperationException($"a model named '{model.Name}' is already in the catalogue");
        s_models.Add(model);
    }

    /// <summary>The classical models, the default libraries and the plugin folders, once, before the first lookup.</summary>
    private static void EnsureDefaults()
    {
        if (s_defaultsLoaded || t_loadingDefaults) return;
        lock (s_lock)
        {
            if (s_defaultsLoaded) return;
            t_loadingDefaults = true;
            try
            {
                foreach (var model in new ClassicalModels().Models) AddLocked(model);
                foreach (var name in DefaultAssemblies)
                    if (TryLoad(name) is { } assembly) AddProviders(assembly);
                foreach (var dir in PluginFolder.FromEnvironment())
                    foreach (var line in LoadFolder(dir, "*.dll")) Console.Error.WriteLine($"grimoire: {PluginFolder.PathVariable}: {line}");
            }
            finally
            {
                t_loadingDefaults = false;
            }
            s_defaultsLoaded = true;
        }
    }

    private static Assembly? TryLoad(string name)
    {
        try
        {
            return Assembly.Load(new AssemblyName(name));
        }
        catch (FileNotFoundException)
        {
            return null; // an application without that model library lists the others
        }
    }
}
