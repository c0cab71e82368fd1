namespace Grimoire;

/// <summary>Base of every error the engine raises on bad input; the message names the offending
/// shapes, dtypes or arguments.</summary>
public class GrimoireException(string message) : Exception(message);

/// <summary>Shapes that do not fit the op (rank, sizes, broadcasting, axes).</summary>
public sealed class ShapeException(string message) : GrimoireException(message);

/// <summary>An element type the op does not accept, or operands of different types.</summary>
public sealed class DTypeException(string message) : GrimoireException(message);

/// <summary>Operands on different devices, or a device that is not available.</summary>
public sealed class DeviceException(string message) : GrimoireException(message);

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
