using System.Runtime.InteropServices;
using ILGPU;
using ILGPU.Runtime;
using ILGPU.Runtime.CPU;
using ILGPU.Runtime.Cuda;
using ILGPU.Runtime.OpenCL;
using AcceleratorDevice = ILGPU.Runtime.Device;

namespace Grimoire.Gpu;

/// <summary>Builds the ILGPU context of each device: the "gpu" device sees only real accelerators (CUDA, else OpenCL,
/// unless <see cref="EnvironmentVariable"/> picks one), the "gpu-sim" device only ILGPU's CPU simulator. Keeping them in
/// separate contexts means no one gets the simulator by accident.</summary>
internal static class AcceleratorSelector
{
    public const string EnvironmentVariable = "GRIMOIRE_GPU";

    /// <summary>Largest group the kernels launch (16x16 GEMM groups); shared-memory arrays are sized for it.</summary>
    public const int MaxGroupSize = 256;

    // The CPU simulator runs every thread of a group as an OS thread and wakes them all on each launch, so launch
    // cost grows with the group: XOR on the simulator took 9 s with 16-thread groups on one multiprocessor, 29 s
    // with 64 threads, 66 s with 64 threads on two. Four warps of four still exercise barriers and shared memory
    // across warps (4x4 GEMM groups); the GPU path itself is checked by the PTX compile tests.
    private static readonly CPUDevice s_simulator = new(numThreadsPerWarp: 4, numWarpsPerMultiprocessor: 4, numMultiprocessors: 1);

    /// <summary>The simulator's context and its one device.</summary>
    public static (Context Context, AcceleratorDevice Device) Simulator()
    {
        var context = Context.Create(b => b.CPU(s_simulator).EnableAlgorithms());
        return (context, context.Devices.Single());
    }

    /// <summary>The context of the real accelerators and the one the "gpu" device uses.</summary>
    /// <exception cref="DeviceUnavailableException">none is present, or the one forced is not.</exception>
    public static (Context Context, AcceleratorDevice Device) Real()
    {
        var order = Preference();
        InstallCudaResolver();
        var context = Context.Create(b => b.Cuda().OpenCL().EnableAlgorithms());
        foreach (var type in order)
        {
            if (context.Devices.FirstOrDefault(d => d.AcceleratorType == type) is { } device) return (context, device);
        }
        // ILGPU adds its default CPU device to every context; it is not a candidate here.
        var accelerators = context.Devices.Where(d => d.AcceleratorType != AcceleratorType.CPU).Select(d => $"{d.AcceleratorType} {d.Name}").ToList();
        context.Dispose();
        var found = accelerators.Count == 0 ? "ILGPU found no CUDA or OpenCL accelerator" : $"{EnvironmentVariable} asks for {order[0]}, found only {string.Join(", ", accelerators)}";
        throw new DeviceUnavailableException(Gpu.Name, found, Gpu.SimulatorName);
    }

    private static AcceleratorType[] Preference()
    {
        var forced = Environment.GetEnvironmentVariable(EnvironmentVariable)?.Trim().ToLowerInvariant();
        return forced switch
        {
            null or "" => [AcceleratorType.Cuda, AcceleratorType.OpenCL],
            "cuda" => [AcceleratorType.Cuda],
            "opencl" => [AcceleratorType.OpenCL],
            "cpu" => throw new DeviceException($"{EnvironmentVariable}=cpu no longer turns the gpu device into the CPU simulator; use the {Gpu.SimulatorName} device"),
            _ => throw new DeviceException($"{EnvironmentVariable}='{forced}' is not one of cuda, opencl"),
        };
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
