using Grimoire.Kernels;

namespace Grimoire.Gpu;

/// <summary>The GPU device, for <c>Tensor.To(Gpu.Device)</c> and factory arguments. Touching it registers the GPU
/// backend (<see cref="GpuKernelProvider"/>), so an application that uses the device needs no other call.</summary>
public static class Gpu
{
    public const string Name = "gpu";

    public static readonly Device Device;

    static Gpu()
    {
        KernelRegistry.AddProvider<GpuKernelProvider>();
        Device = new(Name);
    }
}
