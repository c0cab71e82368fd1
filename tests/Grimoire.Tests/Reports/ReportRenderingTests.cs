using System.Globalization;
using System.Text.Json;
using Grimoire.Bench.Reports.Comparison;

namespace Grimoire.Tests.Reports;

/// <summary>The report's files from fixed data: the same numbers in every format, nothing external in the HTML, GPU
/// figures only when a GPU was measured, and the break-even size of the speed-up table.</summary>
public class ReportRenderingTests
{
    private static string Write(ReportData data)
    {
        var dir = Path.Combine(Path.GetTempPath(), $"grimoire-report-{Guid.NewGuid():N}");
        ReportFiles.Write(data, dir);
        return dir;
    }

    [Test]
    public void HtmlIsSelfContained()
    {
        var dir = Write(ReportFixtures.CpuOnly());
        var html = File.ReadAllText(Path.Combine(dir, ReportFiles.Html));
        Assert.That(html, Does.Not.Contain("<script").And.Not.Contain("<link").And.Not.Contain("src=").And.Not.Contain("url(").And.Not.Contain("@import"));
        Assert.That(html, Does.Not.Contain("href=\"http"), "no link leaves the page");
        Assert.That(html, Does.Contain("<svg").And.Contain("<table id=\"table-kernels\">"));
        Directory.Delete(dir, recursive: true);
    }

    [Test]
    public void WithoutAGpuNoGpuFigureAppears()
    {
        var data = ReportFixtures.CpuOnly();
        Assert.That(Speedups.Kernels(data), Is.Empty);
        Assert.That(Speedups.Models(data), Is.Empty);
        var dir = Write(data);
        var md = File.ReadAllText(Path.Combine(dir, ReportFiles.Markdown));
        Assert.That(md, Does.Contain("GPU: not measured (no device)"));
        Assert.That(File.ReadAllText(Path.Combine(dir, ReportFiles.Csv)), Does.Not.Contain(",gpu,"));
        Assert.That(Directory.GetFiles(dir, "roofline-*.svg").Select(Path.GetFileName), Is.EqualTo(new[] { "roofline-cpu.svg" }));
        Directory.Delete(dir, recursive: true);
    }

    [Test]
    public void SpeedupNamesTheSizeFromWhichTheGpuWins()
    {
        var kernels = Speedups.Kernels(ReportFixtures.WithGpu()).ToDictionary(k => k.Op);
        Assert.That(kernels["matmul"].GpuWinsFrom, Is.EqualTo("n=256"));
        Assert.That(kernels["matmul"].Sizes[0].Speedup, Is.LessThan(1));
        Assert.That(kernels["exp"].GpuWinsFrom, Is.Null, "faster at the small size only: not a win");
        var model = Speedups.Models(ReportFixtures.WithGpu()).Single();
        Assert.That(model.Speedup, Is.EqualTo(3).Within(1e-9));
    }

    [Test]
    public void MarkdownCsvAndJsonCarryTheSameNumbers()
    {
        var data = ReportFixtures.WithGpu();
        var dir = Write(data);
        var csv = File.ReadAllLines(Path.Combine(dir, ReportFiles.Csv));
        Assert.That(csv, Has.Length.EqualTo(1 + data.Kernels.Count + data.Models.Count));
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, ReportFiles.Json)));
        var kernels = json.RootElement.GetProperty("Kernels").EnumerateArray().ToList();
        var md = File.ReadAllText(Path.Combine(dir, ReportFiles.Markdown));
        for (var i = 0; i < data.Kernels.Count; i++)
        {
            var row = data.Kernels[i];
            Assert.That(kernels[i].GetProperty("MedianSeconds").GetDouble(), Is.EqualTo(row.MedianSeconds));
            Assert.That(double.Parse(csv[i + 1].Split(',')[9], CultureInfo.InvariantCulture), Is.EqualTo(row.MedianSeconds));
            Assert.That(md, Does.Contain($"| {row.Rate.ToString("F1", CultureInfo.InvariantCulture)} | {row.Unit} |"));
        }
        Directory.Delete(dir, recursive: true);
    }
}
