using Grimoire.Gpu;
using Grimoire.Tests.Cli;

namespace Grimoire.Tests.Gpu;

/// <summary>Honest devices: "gpu" is a real accelerator or a typed error naming the simulator, never the simulator in
/// disguise; "gpu-sim" is the simulator and says so in every description.</summary>
[TestFixture]
public sealed class GpuDeviceTests
{
    private static void AssumeNoGpu() =>
        Assume.That(GpuRuntime.UnavailableReason(Grimoire.Gpu.Gpu.Name), Is.Not.Null, "this machine has a real GPU");

    [Test]
    public void TheGpuDeviceWithoutAnAcceleratorIsATypedErrorNamingTheSimulator()
    {
        AssumeNoGpu();
        var error = Assert.Throws<DeviceUnavailableException>(() => Tensor.Zeros(new Shape(2), device: Grimoire.Gpu.Gpu.Device).Dispose());
        Assert.That(error!.Device, Is.EqualTo("gpu"));
        Assert.That(error.Alternative, Is.EqualTo("gpu-sim"));
        Assert.That(error.Message, Does.StartWith("no gpu device (").And.Contain("CUDA or OpenCL"));
    }

    [Test]
    public void TheCliSaysThereIsNoGpuAndHowToUseTheSimulator()
    {
        AssumeNoGpu();
        var run = CliRun.Of("bench", "gemm", "--device", "gpu", "--n", "8");
        Assert.That(run.ExitCode, Is.EqualTo(1));
        Assert.That(run.Err.Trim(), Does.StartWith("error: no GPU device (").And.EndWith("); use --device gpu-sim for the CPU simulator"));
        Assert.That(run.Out, Is.Empty, "nothing was timed on another device");
    }

    [Test]
    public void TheGpuKernelsAreListedAsUnavailableNotRunOnTheSimulator()
    {
        AssumeNoGpu();
        var gpu = Grimoire.Kernels.KernelRegistry.All.Where(k => k.Info.Device == "gpu").ToList();
        Assert.That(gpu, Is.Not.Empty);
        Assert.That(gpu.Select(k => k.Info.UnavailableReason), Has.All.Contain("no gpu device"));
        Assert.That(gpu.Select(k => k.Info.Variant).Distinct(), Is.EqualTo(new[] { GpuKernelProvider.Variant }));
    }

    [Test]
    public void TheSimulatorNamesItselfInDescriptionsAndInfo()
    {
        Assert.That(DeviceBackends.Describe(Grimoire.Gpu.Gpu.Simulator), Does.StartWith("gpu-sim (CPU simulator"));
        var info = GpuInfo.Of(Grimoire.Gpu.Gpu.Simulator);
        Assert.That((info.Device, info.Kind, info.MemoryBytes, info.ComputeCapability), Is.EqualTo(("gpu-sim", "CPU simulator", (long?)null, (string?)null)));
        var json = CliRun.Of("bench", "gemm", "--device", "gpu-sim", "--n", "8", "--runs", "5", "--json");
        Assert.That(json.ExitCode, Is.Zero, json.Err);
        var root = System.Text.Json.JsonDocument.Parse(json.Out).RootElement;
        Assert.That(root.GetProperty("device").GetString(), Does.StartWith("gpu-sim (CPU simulator"));
        Assert.That(root.GetProperty("kernel").GetString(), Is.EqualTo("matmul:ilgpu-sim"));
        Assert.That(root.GetProperty("upload_ms").GetDouble(), Is.GreaterThan(0), "copies are timed apart from the kernel");
    }

    [Test]
    public void ForcingTheSimulatorThroughTheOldEnvironmentSwitchIsRefused()
    {
        var previous = Environment.GetEnvironmentVariable(AcceleratorSelector.EnvironmentVariable);
        Environment.SetEnvironmentVariable(AcceleratorSelector.EnvironmentVariable, "cpu");
        try
        {
            var error = Assert.Throws<DeviceException>(() => AcceleratorSelector.Real());
            Assert.That(error!.Message, Does.Contain("gpu-sim"));
        }
        finally
        {
            Environment.SetEnvironmentVariable(AcceleratorSelector.EnvironmentVariable, previous);
        }
    }
}
