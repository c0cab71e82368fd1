using Grimoire.Kernels;

namespace Grimoire.Gpu;

/// <summary>The GPU device, for <c>Tensor.To(Gpu.Device)</c> and factory arguments. Touching it registers the GPU
/// backend (<see cref="GpuKernelProvider"/>), so an application that uses the device needs no other call.</summary>
public static class Gpu
{
    /// <summary>The backend name of the GPU device, as in <see cref="Grimoire.Device.Backend"/> and kernel listings.</summary>
    public const string Name = "gpu";

    /// <summary>The "gpu" device: CUDA, else OpenCL, else ILGPU's CPU simulator (GRIMOIRE_GPU=cuda|opencl|cpu forces one). Where
    /// no accelerator can be created, its kernels report why they cannot run.</summary>
    public static readonly Device Device;

    static Gpu()
    {
        KernelRegistry.AddProvider<GpuKernelProvider>();
        Device = new(Name);
    }
}
