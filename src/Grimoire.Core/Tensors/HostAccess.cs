namespace Grimoire;

/// <summary>Raw host memory (<see cref="Tensor.HostPointer{T}"/>, <see cref="Tensor.HostSpan{T}"/>,
/// <see cref="HostStorage.Pointer"/>, <see cref="HostStorage.AsSpan{T}"/>) is handed out only while the engine runs a
/// kernel or a device copy on the calling thread. The op holds a reference to every operand for that time, so the
/// memory cannot be released and handed to another tensor under the pointer. Application code uses
/// <see cref="Tensor.LeaseHost{T}"/>, which holds the storage itself.</summary>
internal static class HostAccess
{
    [ThreadStatic] private static int t_depth;

    /// <summary>Opens raw access on this thread until the returned scope is disposed (scopes nest).</summary>
    public static Scope Enter()
    {
        t_depth++;
        return new Scope();
    }

    /// <exception cref="HostAccessException">no kernel or device copy is running on this thread.</exception>
    public static void ThrowIfOutside(string what)
    {
        if (t_depth == 0)
            throw new HostAccessException($"{what} is only valid inside a kernel call, where the op keeps the tensor's memory alive; " +
                "application code reads and writes host tensors through Tensor.LeaseHost<T>() (or ToArray/FromArray)");
    }

    public readonly struct Scope : IDisposable
    {
        public void Dispose() => t_depth--;
    }
}
