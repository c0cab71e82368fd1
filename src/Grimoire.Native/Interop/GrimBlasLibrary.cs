using System.Reflection;
using System.Runtime.InteropServices;

namespace Grimoire.Native.Interop;

/// <summary>Finds and loads libgrimblas.so for the <c>[LibraryImport("grimblas")]</c> declarations. Load once; when
/// the library is missing, <see cref="UnavailableReason"/> says which paths were tried and how to build it, the
/// native kernels report that reason instead of running, and a direct call throws <see cref="NativeLibraryException"/>.</summary>
internal static class GrimBlasLibrary
{
    public const string FileName = "libgrimblas.so";

    /// <summary>Extra directories (separated like PATH) searched before the application's own.</summary>
    public const string PathVariable = "GRIMBLAS_PATH";

    private static readonly Lazy<LoadResult> s_load = new(() => Load(FileName, SearchDirectories()));

    static GrimBlasLibrary() =>
        NativeLibrary.SetDllImportResolver(typeof(GrimBlasLibrary).Assembly, Resolve);

    internal sealed record LoadResult(nint Handle, string? Path, string? Failure);

    /// <summary>Null when the library is loaded, else why it could not be.</summary>
    public static string? UnavailableReason => s_load.Value.Failure;

    /// <summary>The file that was loaded, or null.</summary>
    public static string? LoadedPath => s_load.Value.Path;

    /// <summary>Loads the library (once) or throws; every managed entry point calls this before its first P/Invoke,
    /// which also guarantees the resolver is registered by then.</summary>
    /// <exception cref="NativeLibraryException">the library is missing or cannot be loaded.</exception>
    public static void EnsureLoaded()
    {
        if (UnavailableReason is { } why) throw new NativeLibraryException(why);
    }

    /// <summary>The first of <paramref name="directories"/>/<paramref name="fileName"/> that loads; otherwise every
    /// path tried with the loader's error, and how to build the library.</summary>
    internal static LoadResult Load(string fileName, IEnumerable<string> directories)
    {
        var tried = new List<string>();
        foreach (var dir in directories)
        {
            var path = System.IO.Path.Combine(dir, fileName);
            if (!File.Exists(path))
            {
                tried.Add($"{path} (no such file)");
                continue;
            }
            nint handle;
            try
            {
                handle = NativeLibrary.Load(path);
            }
            catch (DllNotFoundException e)
            {
                tried.Add($"{path} ({e.Message})");
                continue;
            }
            var missing = RequiredSymbols.Where(symbol => !NativeLibrary.TryGetExport(handle, symbol, out _)).ToList();
            if (missing.Count == 0) return new LoadResult(handle, path, null);
            NativeLibrary.Free(handle);
            tried.Add($"{path} (lacks {string.Join(", ", missing)}: built from older sources)");
        }
        return new LoadResult(0, null,
            $"native library {fileName} could not be loaded; tried: {string.Join("; ", tried)}. " +
            "Build it with `dotnet build` (which runs CMake on native/; needs cmake and a C compiler) or " +
            $"`dotnet cake --target=Native`, then keep it beside the application or name its directory in {PathVariable}.");
    }

    /// <summary>Every C function the managed side declares, so a stale library that lacks one is refused at load (with
    /// the names) instead of failing with EntryPointNotFoundException in the middle of a call.</summary>
    internal static IReadOnlyList<string> RequiredSymbols { get; } = typeof(GrimBlasNative)
        .GetMethods(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static)
        .Select(m => (Method: m, Import: m.GetCustomAttribute<LibraryImportAttribute>()))
        .Where(p => p.Import is not null)
        .Select(p => p.Import!.EntryPoint ?? p.Method.Name)
        .ToList();

    /// <summary>GRIMBLAS_PATH, the application's directory (project references and RID-specific publishes put the
    /// library there), this assembly's, then the host's native search directories: from a package reference in a
    /// RID-less build the library sits in runtimes/linux-x64/native/, which only the host knows from deps.json.</summary>
    private static IEnumerable<string> SearchDirectories()
    {
        var extra = Environment.GetEnvironmentVariable(PathVariable) ?? "";
        var own = System.IO.Path.GetDirectoryName(typeof(GrimBlasLibrary).Assembly.Location);
        var host = AppContext.GetData("NATIVE_DLL_SEARCH_DIRECTORIES") as string ?? "";
        return SplitPathList(extra)
            .Append(AppContext.BaseDirectory)
            .Append(own ?? "")
            .Concat(SplitPathList(host))
            .Where(d => d.Length > 0)
            .Select(d => System.IO.Path.TrimEndingDirectorySeparator(System.IO.Path.GetFullPath(d)))
            .Distinct();
    }

    private static string[] SplitPathList(string list) =>
        list.Split(System.IO.Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private static nint Resolve(string name, Assembly assembly, DllImportSearchPath? searchPath)
    {
        if (name != GrimBlasNative.Library) return 0;
        EnsureLoaded();
        return s_load.Value.Handle;
    }
}
