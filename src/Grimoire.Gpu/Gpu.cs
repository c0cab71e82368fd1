namespace Grimoire.Gpu;

/// <summary>The GPU device, for <c>Tensor.To(Gpu.Device)</c> and factory arguments.</summary>
public static class Gpu
{
    public const string Name = "gpu";

    public static readonly Device Device = new(Name);
}
