using System.Reflection;
using System.Runtime.Loader;

namespace Grimoire.Kernels;

/// <summary>Every kernel of every backend, keyed by (op, dtype, variant). Dispatch picks the usable kernel
/// with the highest priority for the tensors' device, unless an override forces a variant: through
/// <see cref="Force(string, string)"/> (scoped to the calling flow) or the GRIMOIRE_KERNELS environment variable,
/// e.g. <c>GRIMOIRE_KERNELS=matmul:avx2,*:reference</c>.</summary>
public static class KernelRegistry
{
    public const string ReferenceVariant = "reference";
    public const string EnvironmentVariable = "GRIMOIRE_KERNELS";

    /// <summary>Directories (separated like PATH) whose assemblies are loaded as kernel plugins.</summary>
    public const string PluginPathVariable = "GRIMOIRE_PLUGIN_PATH";

    private static readonly Lock s_lock = new();
    private static readonly List<Kernel> s_kernels = [];
    private static readonly HashSet<Assembly> s_scanned = [];
    private static readonly AsyncLocal<KernelOverrides?> s_forced = new();
    private static readonly KernelOverrides s_environment = KernelOverrides.Parse(Environment.GetEnvironmentVariable(EnvironmentVariable));
    private static Dictionary<(string, string, DType), Kernel> s_cache = [];
    private static bool s_discovered;

    /// <summary>Registration handle given to <see cref="IKernelProvider.Register"/>.</summary>
    public sealed class Registrar
    {
        internal Registrar() { }

        public void Add(KernelInfo info, KernelBody body) => Register(info, body);
    }

    /// <summary>All registered kernels, after loading every provider assembly beside the application.</summary>
    public static IReadOnlyList<Kernel> All
    {
        get
        {
            EnsureDiscovered();
            lock (s_lock) return [.. s_kernels];
        }
    }

    public static void Register(KernelInfo info, KernelBody body)
    {
        lock (s_lock)
        {
            if (s_kernels.Any(k => k.Info.Op == info.Op && k.Info.DType == info.DType && k.Info.Variant == info.Variant))
                throw new InvalidOperationException($"kernel {info} is already registered");
            s_kernels.Add(new Kernel(info, body));
            s_cache = [];
        }
    }

    /// <summary>Loads providers from assemblies already loaded (and, once, from the plugin directories).
    /// Call after loading a plugin assembly by hand; loading through the default context does it anyway.</summary>
    public static void EnsureDiscovered()
    {
        lock (s_lock)
        {
            if (!s_discovered)
            {
                s_discovered = true;
                AppDomain.CurrentDomain.AssemblyLoad += (_, e) => ScanAssembly(e.LoadedAssembly);
                LoadPluginAssemblies();
            }
        }
        foreach (var asm in AppDomain.CurrentDomain.GetAssemblies()) ScanAssembly(asm);
    }

    /// <summary>The kernel that runs <paramref name="op"/> on <paramref name="device"/> for <paramref name="dtype"/>.</summary>
    public static Kernel Resolve(string op, Device device, DType dtype)
    {
        EnsureDiscovered();
        var forced = s_forced.Value?.VariantFor(op) ?? s_environment.VariantFor(op);
        return forced is { } f ? ResolveForced(op, device, dtype, f) : ResolveBest(op, device, dtype);
    }

    private static Kernel ResolveBest(string op, Device device, DType dtype)
    {
        var key = (op, device.Backend, dtype);
        var cache = s_cache;
        if (cache.TryGetValue(key, out var k)) return k;
        lock (s_lock)
        {
            var best = s_kernels
                .Where(c => c.Info.Op == op && c.Info.DType == dtype && c.Info.Device == device.Backend && c.Info.IsUsable)
                .MaxBy(c => c.Info.Priority)
                ?? throw new KernelNotFoundException(
                    $"no usable kernel for op '{op}' on {device} with dtype {dtype.Name()}; registered: {Describe(op)}");
            s_cache[key] = best;
            return best;
        }
    }

    /// <summary>Forces <paramref name="variant"/> for <paramref name="op"/> ("*" for every op that has that
    /// variant) in the current async flow until the returned handle is disposed.</summary>
    public static IDisposable Force(string op, string variant)
    {
        var previous = s_forced.Value;
        s_forced.Value = (previous ?? KernelOverrides.Empty).With(op, variant);
        return new Restore(() => s_forced.Value = previous);
    }

    /// <summary>Forces the exact kernel <paramref name="kernel"/> for its op.</summary>
    public static IDisposable Force(Kernel kernel) => Force(kernel.Info.Op, kernel.Info.Variant);

    /// <summary>Overrides read from the environment variable, for `grimoire kernels` and `info`.</summary>
    public static string EnvironmentOverrides => s_environment.ToString();

    private static Kernel ResolveForced(string op, Device device, DType dtype, (string Variant, bool Wildcard) forced)
    {
        Kernel? match;
        bool onAnotherDevice;
        lock (s_lock)
        {
            match = s_kernels.FirstOrDefault(c => c.Info.Op == op && c.Info.DType == dtype && c.Info.Variant == forced.Variant && c.Info.Device == device.Backend);
            onAnotherDevice = s_kernels.Any(c => c.Info.Op == op && c.Info.Variant == forced.Variant && c.Info.Device != device.Backend);
        }
        // "*:avx2" means "avx2 where it exists": ops without that variant keep normal dispatch. A variant of another
        // device (forcing "copy:ilgpu") leaves this device's tensors (the host side of a transfer) to normal dispatch.
        if (match is null && (forced.Wildcard || onAnotherDevice)) return ResolveBest(op, device, dtype);
        if (match is null)
            throw new KernelNotFoundException($"forced kernel '{op}:{forced.Variant}' for {dtype.Name()} on {device} does not exist; registered: {Describe(op)}");
        if (match.Info.UnavailableReason is { } why)
            throw new KernelNotFoundException($"forced kernel '{op}:{forced.Variant}' cannot run here: {why}");
        return match;
    }

    private static string Describe(string op)
    {
        lock (s_lock)
        {
            var list = s_kernels.Where(k => k.Info.Op == op).Select(k => $"{k.Info.Variant}/{k.Info.DType.Name()}/{k.Info.Device}").ToList();
            return list.Count == 0 ? "none" : string.Join(", ", list);
        }
    }

    /// <summary>Loads Grimoire*.dll from beside the application and from the directories in
    /// <see cref="PluginPathVariable"/>, so a kernel plugin joins by being copied there; a plugin's other
    /// dependencies are resolved from the same directories.</summary>
    private static void LoadPluginAssemblies()
    {
        var dirs = PluginDirectories().ToList();
        AssemblyLoadContext.Default.Resolving += (_, name) => dirs
            .Select(d => Path.Combine(d, name.Name + ".dll"))
            .Where(File.Exists)
            .Select(f => AssemblyLoadContext.Default.LoadFromAssemblyPath(Path.GetFullPath(f)))
            .FirstOrDefault();
        var loaded = AppDomain.CurrentDomain.GetAssemblies().Select(a => a.GetName().Name).ToHashSet();
        foreach (var file in dirs.SelectMany(d => Directory.EnumerateFiles(d, "Grimoire*.dll")))
        {
            if (!loaded.Add(Path.GetFileNameWithoutExtension(file))) continue;
            try
            {
                AssemblyLoadContext.Default.LoadFromAssemblyPath(Path.GetFullPath(file));
            }
            catch (Exception e) when (e is FileLoadException or BadImageFormatException or FileNotFoundException)
            {
                Console.Error.WriteLine($"grimoire: skipped plugin assembly {file}: {e.Message}");
            }
        }
    }

    private static IEnumerable<string> PluginDirectories()
    {
        if (AppContext.BaseDirectory is { Length: > 0 } baseDir && Directory.Exists(baseDir)) yield return baseDir;
        var extra = Environment.GetEnvironmentVariable(PluginPathVariable);
        if (string.IsNullOrWhiteSpace(extra)) yield break;
        foreach (var dir in extra.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (Directory.Exists(dir)) yield return dir;
            else Console.Error.WriteLine($"grimoire: {PluginPathVariable} names '{dir}', which is not a directory; ignored");
        }
    }

    private static void ScanAssembly(Assembly asm)
    {
        lock (s_lock)
        {
            if (!s_scanned.Add(asm)) return;
        }
        foreach (var attr in asm.GetCustomAttributes<KernelProviderAttribute>())
        {
            var provider = (IKernelProvider)(Activator.CreateInstance(attr.ProviderType)
                ?? throw new InvalidOperationException($"cannot create kernel provider {attr.ProviderType}"));
            provider.Register(new Registrar());
        }
    }

    private sealed class Restore(Action restore) : IDisposable
    {
        private Action? _restore = restore;

        public void Dispose() => Interlocked.Exchange(ref _restore, null)?.Invoke();
    }
}
