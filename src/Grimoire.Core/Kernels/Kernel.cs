namespace Grimoire.Kernels;

/// <summary>What a kernel implements and what it needs.</summary>
/// <param name="Op">Op name, e.g. "matmul".</param>
/// <param name="Backend">Who implements it: "cpu" (managed), "native", "gpu", or a plugin's name.</param>
/// <param name="DType">Element type of the op's (first) input.</param>
/// <param name="Variant">Name unique per op and dtype, used to force it: "reference", "avx2", "avx512", ….</param>
/// <param name="Isa">CPU instruction set the kernel needs.</param>
/// <param name="Priority">Dispatch prefers the highest usable priority.</param>
/// <param name="Device">Device kind whose memory the kernel reads ("cpu" for host memory).</param>
public sealed record KernelInfo(string Op, string Backend, DType DType, string Variant, Isa Isa, int Priority, string Device = "cpu")
{
    /// <summary>Extra availability check beyond the ISA (a native library loaded, a GPU present).</summary>
    public Func<string?>? Unavailable { get; init; }

    public bool IsReference => Variant == KernelRegistry.ReferenceVariant;

    /// <summary>Null when the kernel can run on this machine, else the reason it cannot.</summary>
    public string? UnavailableReason =>
        !IsaSupport.IsSupported(Isa) ? $"needs {Isa.Name()}, not available on this CPU/runtime" : Unavailable?.Invoke();

    public bool IsUsable => UnavailableReason is null;

    public override string ToString() => $"{Op}:{Variant} ({Backend}, {DType.Name()}, {Isa.Name()})";
}

/// <summary>Runs one op: reads <paramref name="inputs"/>, writes the preallocated <paramref name="output"/>.
/// Each op documents the layouts it guarantees its kernels (see <see cref="Ops.OpContracts"/>).</summary>
public delegate void KernelBody(ReadOnlySpan<Tensor> inputs, Tensor output, object? attributes);

public sealed record Kernel(KernelInfo Info, KernelBody Body);

/// <summary>Implemented by an assembly's kernel provider, named with <see cref="KernelProviderAttribute"/>.</summary>
public interface IKernelProvider
{
    void Register(KernelRegistry.Registrar registrar);
}

/// <summary>Marks the type that registers an assembly's kernels; the registry finds it when the assembly loads.</summary>
[AttributeUsage(AttributeTargets.Assembly, AllowMultiple = true)]
public sealed class KernelProviderAttribute(Type providerType) : Attribute
{
    public Type ProviderType { get; } = providerType;
}
