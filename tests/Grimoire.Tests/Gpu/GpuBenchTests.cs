using Grimoire.Bench;
using GpuDevice = Grimoire.Gpu.Gpu;

namespace Grimoire.Tests.Gpu;

/// <summary>The timing API the benchmark report uses: device samples end with a synchronisation, copies are timed apart,
/// and results name the device that ran them.</summary>
[TestFixture]
public sealed class GpuBenchTests
{
    private static readonly Device Sim = GpuDevice.Simulator;

    [Test]
    public void DeviceTimingDrainsTheQueueInEverySample()
    {
        using var x = Tensor.Ones(new Shape(16), device: Sim);
        var before = GpuDevice.Statistics(Sim).Synchronizations;
        var seconds = DeviceTiming.Seconds(Sim, () => (x + x).Dispose(), warmups: 1, runs: 5, minWarmup: TimeSpan.Zero);
        Assert.That(seconds, Is.GreaterThan(0));
        Assert.That(GpuDevice.Statistics(Sim).Synchronizations - before, Is.EqualTo(6), "once after the warm-up, once per sample");
    }

    [Test]
    public void AConvolutionOnTheSimulatorReportsItsDeviceAndCopies()
    {
        var r = ConvTiming.Measure(new ConvShape(1, 2, 6, 3, 3, 1, 1), threads: 1, backward: false, Sim);
        Assert.That(r.Device, Does.StartWith("gpu-sim (CPU simulator"));
        Assert.That(new[] { r.MedianSeconds, r.UploadSeconds, r.DownloadSeconds }, Has.All.GreaterThan(0), "kernel time and both copies measured");
        var host = ConvTiming.Measure(new ConvShape(1, 2, 6, 3, 3, 1, 1), threads: 1, backward: false, Device.Cpu);
        Assert.That((host.Device, host.UploadSeconds, host.DownloadSeconds), Is.EqualTo(("cpu", 0.0, 0.0)), "nothing is copied on the host");
    }
}
