namespace Grimoire;

/// <summary>Where a tensor's storage lives. Backends are named, not a closed enum, so a backend
/// assembly can add its own devices without touching Core.</summary>
public readonly record struct Device(string Backend, int Index = 0)
{
    public static readonly Device Cpu = new("cpu");

    public bool IsCpu => Backend == "cpu";

    public override string ToString() => Index == 0 ? Backend : $"{Backend}:{Index}";
}
