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

    /// <summary>True for the plain reference kernel every other variant of the op is checked against.</summary>
    public bool IsReference => Variant == KernelRegistry.ReferenceVariant;

    /// <summary>Null when the kernel can run on this machine, else the reason it cannot.</summary>
    public string? UnavailableReason =>
        !IsaSupport.IsSupported(Isa) ? $"needs {Isa.Name()}, not available on this CPU/runtime" : Unavailable?.Invoke();

    /// <summary>True when the kernel can run on this machine (<see cref="UnavailableReason"/> is null).</summary>
    public bool IsUsable => UnavailableReason is null;

    /// <summary>"op:variant (backend, dtype, isa)", as in messages and <c>grimoire kernels</c>.</summary>
    public override string ToString() => $"{Op}:{Variant} ({Backend}, {DType.Name()}, {Isa.Name()})";
}

/// <summary>Runs one op: reads <paramref name="inputs"/>, writes the preallocated <paramref name="output"/>.
/// Each op documents the layouts it guarantees its kernels (see <see cref="Ops.OpContracts"/>).</summary>
public delegate void KernelBody(ReadOnlySpan<Tensor> inputs, Tensor output, object? attributes);

/// <summary>A registered kernel: what it implements and its body, which runs only through dispatch or <see cref="Run"/>.</summary>
public sealed class Kernel(KernelInfo info, KernelBody body)
{
    /// <summary>What the kernel implements and what it needs.</summary>
    public KernelInfo Info { get; } = info;

    internal KernelBody Body { get; } = body;


    /// <summary>Runs this kernel on operands the caller prepared, as benchmarks do to time a kernel without its op. They are
    /// checked against the op's contract first (sizes, layouts, devices, dtypes, index values), since nothing else has
    /// checked them; there is no other way to call a kernel outside dispatch.</summary>
    /// <exception cref="ShapeException">the operands or attributes break the op's contract.</exception>
    /// <exception cref="DeviceException">the operands are not on this kernel's device.</exception>
    /// <exception cref="DTypeException">the first operand is not of this kernel's dtype.</exception>
    public void Run(ReadOnlySpan<Tensor> inputs, Tensor output, object? attributes)
    {
        if (inputs.Length == 0) throw new ShapeException($"{Info} needs at least one operand");
        if (output.Device.Backend != Info.Device) throw new DeviceException($"{Info} runs on {Info.Device}, the output is on {output.Device}");
        if (inputs[0].DType != Info.DType) throw new DTypeException($"{Info} takes {Info.DType.Name()}, got {inputs[0].DType.Name()}");
        Ops.ContractCheck.Operands(Info.Op, inputs, output, attributes);
        Ops.ContractCheck.IndexValues(Info.Op, inputs, attributes);
        using var access = HostAccess.Enter();
        Body(inputs, output, attributes);
    }
}

/// <summary>Implemented by an assembly's kernel provider, named with <see cref="KernelProviderAttribute"/>.</summary>
public interface IKernelProvider
{
    /// <summary>Adds the provider's kernels through <paramref name="registrar"/>; called once per provider type.</summary>
    void Register(KernelRegistry.Registrar registrar);
}

/// <summary>Marks the type that registers an assembly's kernels; the registry finds it when the assembly loads.</summary>
[AttributeUsage(AttributeTargets.Assembly, AllowMultiple = true)]
public sealed class KernelProviderAttribute(Type providerType) : Attribute
{
    /// <summary>A type implementing <see cref="IKernelProvider"/> with a public parameterless constructor.</summary>
    public Type ProviderType { get; } = providerType;
}
