using System.Diagnostics;
using System.Text.RegularExpressions;
using Grimoire.Bench.Reports.Comparison;

namespace Grimoire.Tests.Reports;

/// <summary>The report's HTML in a real browser: Debian's headless Chromium loads it, and the DOM it ends with must hold the
/// tables and SVG plots, no script, and the browser must log no console message or script error. .ci/run installs
/// Chromium; where it is missing these tests fail (never pass without a browser).</summary>
[Category("Browser")]
public class ReportBrowserTests
{
    private const string ChromiumVariable = "GRIMOIRE_CHROMIUM";

    private string _dir = "";

    [OneTimeSetUp]
    public void WriteReport()
    {
        _dir = Path.Combine(Path.GetTempPath(), $"grimoire-report-browser-{Guid.NewGuid():N}");
        ReportFiles.Write(ReportFixtures.WithGpu(), _dir);
    }

    [OneTimeTearDown]
    public void Delete() => Directory.Delete(_dir, recursive: true);

    private static string Chromium()
    {
        var path = Environment.GetEnvironmentVariable(ChromiumVariable) ?? "/usr/bin/chromium";
        if (!File.Exists(path)) Assert.Fail($"no browser at {path}: install Debian's chromium (apt-get install -y chromium, as .ci/run does) or set {ChromiumVariable}");
        return path;
    }

    /// <summary>Runs headless Chromium on the report with <paramref name="args"/>; returns its standard output and error.</summary>
    private (string Out, string Err) Browse(params string[] args)
    {
        var start = new ProcessStartInfo(Chromium()) { RedirectStandardOutput = true, RedirectStandardError = true };
        // Tests run as root in CI containers, where Chromium's sandbox cannot start; the page is our own file.
        foreach (var a in new[] { "--headless", "--no-sandbox", "--disable-gpu", "--enable-logging=stderr", "--v=0", $"--user-data-dir={Path.Combine(_dir, "profile")}" })
            start.ArgumentList.Add(a);
        foreach (var a in args) start.ArgumentList.Add(a);
        start.ArgumentList.Add(new Uri(Path.Combine(_dir, ReportFiles.Html)).AbsoluteUri);
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromSeconds(90)))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail("Chromium did not finish within 90 s");
        }
        Assert.That(process.ExitCode, Is.EqualTo(0), stderr.Result);
        return (stdout.Result, stderr.Result);
    }

    [Test]
    public void RendersTablesAndPlotsWithoutScriptOrConsoleErrors()
    {
        var (dom, log) = Browse("--dump-dom");
        foreach (var id in new[] { "table-machine", "table-devices", "table-headline", "table-models", "table-speedup", "table-kernels" })
            Assert.That(dom, Does.Contain($"<table id=\"{id}\">"), $"the rendered page has the {id} table");
        Assert.That(Regex.Matches(dom, "<tr>").Count, Is.GreaterThan(20));
        Assert.That(dom, Does.Contain("<figure id=\"roofline-cpu\">").And.Contain("<figure id=\"roofline-gpu\">").And.Contain("<figure id=\"sweep-matmul\">"));
        Assert.That(Regex.Matches(dom, "<svg ").Count, Is.GreaterThanOrEqualTo(4));
        Assert.That(Regex.Matches(dom, "<circle ").Count, Is.GreaterThan(4), "roofline points");
        Assert.That(Regex.Matches(dom, "<polyline ").Count, Is.GreaterThanOrEqualTo(2), "sweep lines");
        Assert.That(dom, Does.Not.Contain("<script"));
        // Chromium logs every console message and uncaught error as "CONSOLE" (checked with a page that calls console.error).
        Assert.That(log.Split('\n').Where(l => l.Contains("CONSOLE", StringComparison.Ordinal) || l.Contains("Uncaught", StringComparison.Ordinal)), Is.Empty);
    }

    [Test]
    public void ScreenshotShowsAPage()
    {
        var png = Path.Combine(_dir, "shot.png");
        Browse($"--screenshot={png}", "--window-size=1280,1600", "--hide-scrollbars");
        var bytes = File.ReadAllBytes(png);
        Assert.That(bytes.Take(8), Is.EqualTo(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }), "a PNG");
        // A blank 1280x1600 page compresses to a few kilobytes; tables and plots take far more.
        Assert.That(bytes.Length, Is.GreaterThan(40_000));
    }
}
