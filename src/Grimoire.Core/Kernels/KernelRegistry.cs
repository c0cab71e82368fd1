using System.Collections.Concurrent;

namespace Grimoire.Kernels;

/// <summary>Every kernel of every backend, keyed by (op, dtype, variant). Dispatch picks the usable kernel
/// with the highest priority for the tensors' device, unless an override forces a variant: through
/// <see cref="Force(string, string)"/> (scoped to the calling flow) or the GRIMOIRE_KERNELS environment variable,
/// e.g. <c>GRIMOIRE_KERNELS=matmul:avx2,*:reference</c>. An op with no usable kernel on the device runs its declared
/// decomposition into primitive ops (variant "decomposed") when it has one. Where kernels come from is
/// <see cref="KernelProviders"/>' job.</summary>
public static class KernelRegistry
{
    /// <summary>Variant name of each op's reference kernel.</summary>
    public const string ReferenceVariant = "reference";
    /// <summary>Environment variable forcing variants per op, e.g. <c>matmul:avx2,*:reference</c>.</summary>
    public const string EnvironmentVariable = "GRIMOIRE_KERNELS";

    /// <summary>The variant name under which an op's decomposition into primitives runs (and can be forced).</summary>
    public const string DecomposedVariant = "decomposed";

    /// <summary>Directories (separated like PATH) whose assemblies are loaded as kernel plugins.</summary>
    public const string PluginPathVariable = KernelProviders.PluginPathVariable;

    private static readonly Lock s_lock = new();
    private static readonly List<Kernel> s_kernels = [];
    private static readonly AsyncLocal<KernelOverrides?> s_forced = new();
    private static readonly AsyncLocal<HashSet<string>?> s_withheld = new();

    // Parsed on first use; a bad value is reported (typed) every time instead of failing the type's initialiser,
    // which would make the registry unusable for the rest of the process.
    private static readonly Lazy<KernelOverrides> s_environment =
        new(() => KernelOverrides.Parse(Environment.GetEnvironmentVariable(EnvironmentVariable)), LazyThreadSafetyMode.PublicationOnly);

    // One resolution per (op, device, dtype, override), replaced as a whole when a kernel registers, so a reader
    // never sees a dictionary another thread is writing.
    private static volatile ConcurrentDictionary<ResolveKey, Kernel> s_resolved = new();

    private readonly record struct ResolveKey(string Op, string Device, DType DType, string? Forced, bool Wildcard, bool Withheld);

    /// <summary>Registration handle given to <see cref="IKernelProvider.Register"/>.</summary>
    public sealed class Registrar
    {
        internal Registrar() { }

        /// <summary>As <see cref="KernelRegistry.Register"/>.</summary>
        public void Add(KernelInfo info, KernelBody body) => Register(info, body);
    }

    /// <summary>All registered kernels (the built-in CPU backend's included).</summary>
    public static IReadOnlyList<Kernel> All
    {
        get
        {
            KernelProviders.EnsureDefaults();
            lock (s_lock) return [.. s_kernels];
        }
    }

    /// <summary>Adds a kernel; dispatch considers it from the next lookup on. Thread-safe.</summary>
    /// <exception cref="InvalidOperationException">a kernel with the same op, dtype and variant is already registered.</exception>
    public static void Register(KernelInfo info, KernelBody body)
    {
        lock (s_lock)
        {
            if (s_kernels.Any(k => k.Info.Op == info.Op && k.Info.DType == info.DType && k.Info.Variant == info.Variant))
                throw new InvalidOperationException($"kernel {info} is already registered");
            s_kernels.Add(new Kernel(info, body));
            s_resolved = new();
        }
    }

    /// <summary>Registers the kernels of <typeparamref name="TProvider"/> (once; later calls do nothing): how a backend
    /// or plugin other than the built-in CPU one joins, e.g. <c>KernelRegistry.AddProvider&lt;NativeKernelProvider&gt;()</c>.</summary>
    public static void AddProvider<TProvider>() where TProvider : IKernelProvider, new() => KernelProviders.Add(typeof(TProvider));


    /// <summary>The kernel that runs <paramref name="op"/> on <paramref name="device"/> for <paramref name="dtype"/>.</summary>
    /// <exception cref="KernelNotFoundException">no usable kernel, a forced variant that does not exist here or cannot
    /// run, or a malformed GRIMOIRE_KERNELS.</exception>
    public static Kernel Resolve(string op, Device device, DType dtype)
    {
        KernelProviders.EnsureDefaults();
        var forced = s_forced.Value?.VariantFor(op) ?? s_environment.Value.VariantFor(op);
        var withheld = s_withheld.Value?.Contains(op) ?? false;
        var key = new ResolveKey(op, device.Backend, dtype, forced?.Variant, forced?.Wildcard ?? false, withheld);
        var resolved = s_resolved;
        if (resolved.TryGetValue(key, out var kernel)) return kernel;
        kernel = forced is { } f ? ResolveForced(op, device, dtype, f, withheld) : ResolveBest(op, device, dtype, withheld);
        resolved.TryAdd(key, kernel);
        return kernel;
    }

    private static Kernel ResolveBest(string op, Device device, DType dtype, bool withheld)
    {
        lock (s_lock)
        {
            return s_kernels
                .Where(c => !withheld && c.Info.Op == op && c.Info.DType == dtype && c.Info.Device == device.Backend && c.Info.IsUsable)
                .MaxBy(c => c.Info.Priority)
                ?? Decomposed(op, device, dtype)
                ?? throw new KernelNotFoundException(
                    $"no usable kernel for op '{op}' on {device} with dtype {dtype.Name()}, and the op declares no decomposition; registered: {Describe(op)}" +
                    (s_kernels.Count == 0 ? $" (no kernels at all: the application ships no {KernelProviders.DefaultBackendAssembly}; reference it, or add a provider with KernelRegistry.AddProvider)" : ""));
        }
    }

    /// <summary>Whether <paramref name="op"/> declares a decomposition into primitive ops, which dispatch runs where the op
    /// has no usable kernel.</summary>
    public static bool HasDecomposition(string op) => Ops.Decompositions.Has(op);

    /// <summary>The body that runs <paramref name="op"/>'s decomposition into primitive ops, or null when it declares none: for a
    /// backend whose best kernel for an op is that composition of its own faster primitives (the CPU's float64 convolutions:
    /// unfold and the blocked float64 GEMM), registered under a variant of its own so it outranks the reference.</summary>
    public static KernelBody? DecompositionBody(string op) => Ops.Decompositions.Body(op);

    /// <summary>The decomposition of <paramref name="op"/> as a kernel of <paramref name="device"/> (it runs wherever its
    /// primitives do), or null when the op declares none.</summary>
    private static Kernel? Decomposed(string op, Device device, DType dtype) =>
        Ops.Decompositions.Body(op) is { } body
            ? new Kernel(new KernelInfo(op, "core", dtype, DecomposedVariant, Isa.None, int.MinValue, device.Backend), body)
            : null;

    /// <summary>Hides every kernel of <paramref name="op"/> from dispatch in the current async flow until the returned handle
    /// is disposed, as on a backend that has none: the op then runs its decomposition (or fails, if it declares none).
    /// For testing decompositions and the fallback.</summary>
    /// <exception cref="KernelNotFoundException"><paramref name="op"/> is not an op.</exception>
    public static IDisposable Withhold(string op)
    {
        if (!Ops.OpNames.All.Contains(op)) throw new KernelNotFoundException($"withholding '{op}': no such op; known ops: {string.Join(", ", Ops.OpNames.All)}");
        var previous = s_withheld.Value;
        s_withheld.Value = new HashSet<string>(previous ?? []) { op };
        return new Restore(() => s_withheld.Value = previous);
    }

    /// <summary>Forces <paramref name="variant"/> for <paramref name="op"/> ("*" for every op that has that
    /// variant) in the current async flow until the returned handle is disposed.</summary>
    /// <exception cref="KernelNotFoundException"><paramref name="op"/> is not an op (nor "*"), or the variant is empty.</exception>
    public static IDisposable Force(string op, string variant)
    {
        var previous = s_forced.Value;
        s_forced.Value = (previous ?? KernelOverrides.Empty).With(op, variant);
        return new Restore(() => s_forced.Value = previous);
    }

    /// <summary>Forces the exact kernel <paramref name="kernel"/> for its op.</summary>
    public static IDisposable Force(Kernel kernel) => Force(kernel.Info.Op, kernel.Info.Variant);

    /// <summary>Overrides read from the environment variable, for `grimoire kernels` and `info`.</summary>
    /// <exception cref="KernelNotFoundException">the variable is malformed.</exception>
    public static string EnvironmentOverrides => s_environment.Value.ToString();

    /// <summary>Exactly the forced kernel on the tensors' device, or an error: a forced variant never silently runs
    /// another kernel (nor the decomposition, which runs only when forced as "decomposed"). Only "*" falls back, for ops
    /// that have no such variant on this device.</summary>
    private static Kernel ResolveForced(string op, Device device, DType dtype, (string Variant, bool Wildcard) forced, bool withheld)
    {
        Kernel? match = null;
        string? elsewhere = null;
        if (forced.Variant == DecomposedVariant) match = Decomposed(op, device, dtype);
        else if (!withheld)
        {
            lock (s_lock)
            {
                match = s_kernels.FirstOrDefault(c => c.Info.Op == op && c.Info.DType == dtype && c.Info.Variant == forced.Variant && c.Info.Device == device.Backend);
                elsewhere = s_kernels.FirstOrDefault(c => c.Info.Op == op && c.Info.DType == dtype && c.Info.Variant == forced.Variant)?.Info.Device;
            }
        }
        if (match is null && forced.Wildcard) return ResolveBest(op, device, dtype, withheld);
        if (match is null && elsewhere is not null)
            throw new KernelNotFoundException($"forced kernel '{op}:{forced.Variant}' runs on the {elsewhere} device, but this {op} runs on {device}; " +
                $"move the tensors with To(...) or force a kernel of {device}");
        if (match is null && forced.Variant == DecomposedVariant)
            throw new KernelNotFoundException($"forced kernel '{op}:{DecomposedVariant}': op '{op}' declares no decomposition");
        if (match is null)
            throw new KernelNotFoundException($"forced kernel '{op}:{forced.Variant}' for {dtype.Name()} on {device} does not exist" +
                $"{(withheld ? " (its kernels are withheld in this scope)" : "")}; registered: {Describe(op)}");
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

    private sealed class Restore(Action restore) : IDisposable
    {
        private Action? _restore = restore;

        public void Dispose() => Interlocked.Exchange(ref _restore, null)?.Invoke();
    }
}
