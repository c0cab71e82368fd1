namespace Grimoire;

/// <summary>Base of every error the engine raises on bad input; the message names the offending
/// shapes, dtypes or arguments.</summary>
public class GrimoireException(string message) : Exception(message);

/// <summary>Shapes that do not fit the op (rank, sizes, broadcasting, axes).</summary>
public sealed class ShapeException(string message) : GrimoireException(message);

/// <summary>An element type the op does not accept, or operands of different types.</summary>
public sealed class DTypeException(string message) : GrimoireException(message);

/// <summary>Operands on different devices, or a device that is not available.</summary>
public class DeviceException(string message) : GrimoireException(message);

/// <summary>A device that this machine does not have (the "gpu" device with no CUDA or OpenCL accelerator).
/// <see cref="Alternative"/> names a device that can stand in for it, if any.</summary>
public sealed class DeviceUnavailableException(string device, string reason, string? alternative)
    : DeviceException($"no {device} device ({reason})" + (alternative is null ? "" : $"; use the {alternative} device instead"))
{
    /// <summary>The device asked for, e.g. "gpu".</summary>
    public string Device { get; } = device;

    /// <summary>Why it is not here, e.g. what was searched for.</summary>
    public string Reason { get; } = reason;

    /// <summary>A device that can stand in for it (e.g. "gpu-sim"), or null.</summary>
    public string? Alternative { get; } = alternative;
}

/// <summary>No registered kernel can run the op, or a forced kernel does not exist or is unusable.</summary>
public sealed class KernelNotFoundException(string message) : GrimoireException(message);

/// <summary>A tensor used after its storage was released.</summary>
public sealed class DisposedTensorException(string message) : GrimoireException(message);

/// <summary>An autodiff request that cannot be met (no graph, non-scalar root without a seed gradient).</summary>
public sealed class AutogradException(string message) : GrimoireException(message);

/// <summary>A native library that is missing or cannot be loaded; the message lists the paths tried and how to build it.</summary>
public sealed class NativeLibraryException(string message) : GrimoireException(message);

/// <summary>A native routine rejected its arguments or failed; <see cref="Status"/> is the library's status code and the
/// message carries the library's own description.</summary>
public sealed class NativeCallException(int status, string message) : GrimoireException(message)
{
    /// <summary>The library's status code (non-zero).</summary>
    public int Status { get; } = status;
}

/// <summary>Raw host memory asked for outside a kernel call, where nothing keeps it alive (see <see cref="Tensor.LeaseHost{T}"/>).</summary>
public sealed class HostAccessException(string message) : GrimoireException(message);
