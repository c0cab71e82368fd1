using Grimoire.Bench.Reports.Comparison;
using Grimoire.Kernels;
using Grimoire.Tests.Cli;

namespace Grimoire.Tests.Reports;

/// <summary>One real measurement at the smallest sizes (no model steps, no peers; a few seconds): every swept op's kernels
/// run without failing on the host and on ILGPU's simulator (the GPU path), rows are consistent, and a machine without a GPU
/// gets no GPU figure and no speed-up. Nothing about speed is checked.</summary>
public class ReportMeasurementTests
{
    /// <summary>Made-up ceilings: measuring them takes seconds and is not what these tests are about.</summary>
    private static readonly Ceiling[] Ceilings = [.. new[] { 1, Environment.ProcessorCount }.Distinct().Select(t => new Ceiling(t, 100.0 * t, 20))];

    private static readonly SweepSizes Tiny = new([4096], [32], [1], Image: 8);

    [Test]
    public void TinySweepMeasuresEveryHostKernelAndNoGpu()
    {
        var options = new ReportOptions("unused", Quick: true, ["cpu", "gpu"], Peers: false, "test", Tiny, Models: false, Ceilings: Ceilings);
        var data = BenchmarkReport.Measure(options, _ => { });

        Assert.That(data.Notes.Where(n => n.Contains("failed")), Is.Empty, "every swept kernel ran");
        Assert.That(data.Devices.Single(d => d.Device == "cpu").Measured);
        var gpu = data.Devices.Single(d => d.Device == "gpu");
        Assert.That(gpu.Measured, Is.False, "this machine has no real GPU (ILGPU's simulator is not one)");
        Assert.That(gpu.NotMeasured, Is.EqualTo("no device"));
        Assert.That(ReportTables.GpuMissing(data), Is.EqualTo("GPU: not measured (no device)"));
        Assert.That(data.Kernels.Select(k => k.Device).Distinct(), Is.EqualTo(new[] { "cpu" }));
        Assert.That(Speedups.Kernels(data), Is.Empty);

        var swept = KernelWorkloads.All(options.SweepSizes).Select(w => w.Op).ToHashSet();
        Assert.That(data.Kernels.Select(k => k.Implementation).ToHashSet(), Is.EquivalentTo(Usable("cpu", swept)), "every usable non-reference kernel of every swept op, and only those");
        Assert.That(data.NotSwept.Where(swept.Contains), Is.Empty);
        foreach (var row in data.Kernels)
        {
            Assert.That(row.Seconds!.Min, Is.LessThanOrEqualTo(row.MedianSeconds).And.GreaterThan(0), row.Implementation);
            Assert.That(row.Seconds.Max, Is.GreaterThanOrEqualTo(row.MedianSeconds));
            Assert.That(row.RatioToBest, Is.GreaterThan(0).And.LessThanOrEqualTo(1));
            Assert.That(double.IsFinite(row.Rate) && double.IsFinite(row.PercentOfCeiling!.Value), row.Implementation);
        }
        Assert.That(data.Kernels.GroupBy(k => (k.Op, k.Size)).Select(g => g.Count(k => k.RatioToBest == 1)), Has.All.EqualTo(1));
    }

    /// <summary>The GPU path on ILGPU's simulator, for a few ops: kernels run on the device, copies are timed apart, and
    /// nothing is called a GPU figure.</summary>
    [Test]
    public void SimulatorRunsTheDevicePath()
    {
        string[] ops = ["matmul", "exp", "softmax"];
        var options = new ReportOptions("unused", Quick: true, ["gpu-sim"], Peers: false, "test", Tiny, Models: false, Ops: ops, Ceilings: Ceilings);
        var data = BenchmarkReport.Measure(options, _ => { });

        Assert.That(data.Notes.Where(n => n.Contains("failed")), Is.Empty);
        Assert.That(data.Devices.Single().Description, Does.Contain("CPU simulator"));
        Assert.That(data.Kernels.Where(k => k.Flops > 0).Select(k => k.Implementation).ToHashSet(), Is.EquivalentTo(Usable("gpu-sim", ops.ToHashSet())));
        Assert.That(data.Kernels.Where(k => k.Flops == 0).Select(k => k.Op), Is.EquivalentTo(new[] { "copy_to_device", "copy_to_host" }));
        Assert.That(data.Kernels.Where(k => k.Flops > 0).Select(k => k.PercentOfCeiling), Has.All.Null, "no ceiling is known for the simulator");
        Assert.That(Speedups.Kernels(data), Is.Empty, "the simulator is not a GPU");
    }

    private static HashSet<string> Usable(string device, HashSet<string> ops) =>
        [.. KernelRegistry.All.Where(k => k.Info.Device == device && k.Info.DType == DType.Float32 && k.Info.IsUsable && !k.Info.IsReference && ops.Contains(k.Info.Op))
            .Select(k => $"{k.Info.Op}:{k.Info.Variant}")];

    [Test]
    public void ALoadAboveTheProcessorCountIsStated()
    {
        Assert.That(MachineProbe.Overloaded($"{Environment.ProcessorCount + 0.5:F2} / 1.00 / 1.00"), Does.Contain("noisy"));
        Assert.That(MachineProbe.Overloaded($"{Environment.ProcessorCount - 0.5:F2} / 1.00 / 1.00"), Is.Null);
        Assert.That(MachineProbe.Overloaded("unknown"), Is.Null);
    }

    [TestCase("tpu", "unknown device 'tpu'")]
    [TestCase(",", "at least one of cpu, gpu, gpu-sim")]
    public void BadDevicesAreAnErrorLine(string devices, string message)
    {
        var run = CliRun.Of("report", "--devices", devices, "--out", Path.GetTempPath());
        Assert.That(run.ExitCode, Is.EqualTo(1));
        Assert.That(run.Err, Does.StartWith("error: --devices").And.Contain(message));
    }
}
