using Grimoire.Bench.Reports.Comparison;
using Grimoire.Kernels;
using Grimoire.Tests.Cli;

namespace Grimoire.Tests.Reports;

/// <summary>One real measurement at the smallest sizes (no model steps, no peers; a few seconds): every swept op's kernels
/// run without failing, rows are consistent, and a machine without a GPU gets no GPU figure. Nothing about speed is checked.</summary>
public class ReportMeasurementTests
{
    [Test]
    public void TinySweepMeasuresEveryKernelAndNoGpu()
    {
        var options = new ReportOptions("unused", Quick: true, ["cpu", "gpu"], Peers: false, "test", new SweepSizes([4096], [32], [1]), Models: false);
        var data = BenchmarkReport.Measure(options, _ => { });

        Assert.That(data.Notes.Where(n => n.Contains("failed")), Is.Empty, "every swept kernel ran");
        Assert.That(data.Devices.Single(d => d.Device == "cpu").Measured);
        var gpu = data.Devices.Single(d => d.Device == "gpu");
        Assert.That(gpu.Measured, Is.False, "this machine has no real GPU (ILGPU's simulator is not one)");
        Assert.That(gpu.NotMeasured, Does.StartWith("no device"));
        Assert.That(data.Kernels.Select(k => k.Device).Distinct(), Is.EqualTo(new[] { "cpu" }));

        var swept = KernelWorkloads.All(options.SweepSizes).Select(w => w.Op).ToHashSet();
        var expected = KernelRegistry.All.Where(k => k.Info.Device == "cpu" && k.Info.DType == DType.Float32 && k.Info.IsUsable && !k.Info.IsReference && swept.Contains(k.Info.Op))
            .Select(k => $"{k.Info.Op}:{k.Info.Variant}").ToHashSet();
        Assert.That(data.Kernels.Select(k => k.Implementation).ToHashSet(), Is.EquivalentTo(expected), "every usable non-reference kernel of every swept op, and only those");
        Assert.That(data.NotSwept.Where(swept.Contains), Is.Empty);
        foreach (var row in data.Kernels)
        {
            Assert.That(row.Seconds!.Min, Is.LessThanOrEqualTo(row.MedianSeconds).And.GreaterThan(0), row.Implementation);
            Assert.That(row.Seconds.Max, Is.GreaterThanOrEqualTo(row.MedianSeconds));
            Assert.That(row.RatioToBest, Is.GreaterThan(0).And.LessThanOrEqualTo(1));
            Assert.That(double.IsFinite(row.Rate) && double.IsFinite(row.PercentOfCeiling!.Value), row.Implementation);
        }
        Assert.That(data.Kernels.GroupBy(k => (k.Op, k.Size)).Select(g => g.Count(k => k.RatioToBest == 1)), Has.All.EqualTo(1));
        Assert.That(data.Machine.Ceilings.Select(c => c.Threads), Is.EqualTo(options.Threads));
    }

    [TestCase("tpu", "unknown device 'tpu'")]
    [TestCase(",", "at least one of cpu, gpu")]
    public void BadDevicesAreAnErrorLine(string devices, string message)
    {
        var run = CliRun.Of("report", "--devices", devices, "--out", Path.GetTempPath());
        Assert.That(run.ExitCode, Is.EqualTo(1));
        Assert.That(run.Err, Does.StartWith("error: --devices").And.Contain(message));
    }
}
