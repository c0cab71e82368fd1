using System.Runtime.InteropServices;
using ILGPU;
using ILGPU.Runtime;
using ILGPU.Runtime.CPU;
using ILGPU.Runtime.Cuda;
using ILGPU.Runtime.OpenCL;
using AcceleratorDevice = ILGPU.Runtime.Device;

namespace Grimoire.Gpu;

/// <summary>Builds the ILGPU context and picks its accelerator: CUDA, else OpenCL, else the CPU simulator,
/// unless <see cref="EnvironmentVariable"/> forces one.</summary>
internal static class AcceleratorSelector
{
    public const string EnvironmentVariable = "GRIMOIRE_GPU";

    /// <summary>Largest group the kernels launch (16x16 matmul tiles); shared-memory arrays are sized for it.</summary>
    public const int MaxGroupSize = 256;

    // The CPU simulator runs every thread of a group as an OS thread and wakes them all on each launch, so launch
    // cost grows with the group: XOR on the simulator took 9 s with 16-thread groups on one multiprocessor, 29 s
    // with 64 threads, 66 s with 64 threads on two. Four warps of four still exercise barriers and shared memory
    // across warps (4x4 matmul tiles); the GPU path itself is checked by the PTX compile tests.
    private static readonly CPUDevice s_simulator = new(numThreadsPerWarp: 4, numWarpsPerMultiprocessor: 4, numMultiprocessors: 1);

    public static Context CreateContext()
    {
        InstallCudaResolver();
        return Context.Create(b => b.CPU(s_simulator).Cuda().OpenCL().EnableAlgorithms());
    }

    public static AcceleratorDevice Choose(Context context)
    {
        var forced = Environment.GetEnvironmentVariable(EnvironmentVariable)?.Trim().ToLowerInvariant();
        var order = forced switch
        {
            null or "" => [AcceleratorType.Cuda, AcceleratorType.OpenCL, AcceleratorType.CPU],
            "cuda" => [AcceleratorType.Cuda],
            "opencl" => [AcceleratorType.OpenCL],
            "cpu" => new[] { AcceleratorType.CPU },
            _ => throw new DeviceException($"{EnvironmentVariable}='{forced}' is not one of cuda, opencl, cpu"),
        };
        foreach (var type in order)
        {
            if (context.Devices.FirstOrDefault(d => d.AcceleratorType == type) is { } device) return device;
        }
        throw new DeviceException($"{EnvironmentVariable}={forced}: no such accelerator here (found: {string.Join(", ", context.Devices.Select(d => d.AcceleratorType))})");
    }

    /// <summary>ILGPU loads "cuda", which .NET probes as libcuda.so but never libcuda.so.1, the only name many
    /// containers have; resolve it by hand. Another resolver (ILGPU's own on WSL) wins if already set.</summary>
    private static void InstallCudaResolver()
    {
        if (!OperatingSystem.IsLinux()) return;
        try
        {
            NativeLibrary.SetDllImportResolver(typeof(Context).Assembly, (name, _, _) =>
                name == "cuda" && NativeLibrary.TryLoad("libcuda.so.1", out var handle) ? handle : IntPtr.Zero);
        }
        catch (InvalidOperationException)
        {
            // a resolver is already installed for ILGPU
        }
    }
}
