namespace Grimoire;

/// <summary>Where a tensor's storage lives. Backends are named, not a closed enum, so a backend
/// assembly can add its own devices without touching Core.</summary>
public readonly record struct Device(string Backend, int Index = 0)
{
    /// <summary>Host memory; every tensor lives here unless created on or moved to another device.</summary>
    public static readonly Device Cpu = new("cpu");

    /// <summary>True for host memory, which kernels and application code can read directly.</summary>
    public bool IsCpu => Backend == "cpu";

    /// <summary>"cpu", or "backend:index" when the index is not 0.</summary>
    public override string ToString() => Index == 0 ? Backend : $"{Backend}:{Index}";
}
