using System.Diagnostics;
using System.Runtime.InteropServices;

namespace Grimoire.Bench.Reports.Comparison;

/// <summary>The host's description for a report: CPU, ISA, caches, OS, runtime, commit, load, and its measured ceilings.</summary>
public static class MachineProbe
{
    /// <param name="loadBefore">The load average when the run started (<see cref="LoadAverage"/>).</param>
    public static MachineInfo Describe(IReadOnlyList<Ceiling> ceilings, string loadBefore) =>
        new(MachineDescription.CpuModel(), MachineDescription.UsableIsas(), Environment.ProcessorCount, MachineDescription.Caches(),
            RuntimeInformation.OSDescription, RuntimeInformation.FrameworkDescription, Commit(), $"{loadBefore} at the start, {LoadAverage()} at the end", ceilings);

    /// <summary>The FMA peak and triad bandwidth at each thread count.</summary>
    public static IReadOnlyList<Ceiling> Ceilings(IEnumerable<int> threads) =>
        [.. threads.Select(t => new Ceiling(t, FmaPeak.Gflops(t), TriadBandwidth.GigabytesPerSecond(t)))];

    /// <summary>The 1-, 5- and 15-minute load averages (/proc/loadavg), or "unknown".</summary>
    public static string LoadAverage()
    {
        const string path = "/proc/loadavg";
        return File.Exists(path) ? string.Join(" / ", File.ReadAllText(path).Split(' ').Take(3)) : "unknown";
    }

    /// <summary>A warning when the 1-minute load average in <paramref name="loadAverage"/> (as <see cref="LoadAverage"/> gives it)
    /// exceeds the logical processors: other processes then compete for the cores and every figure is noisy.</summary>
    public static string? Overloaded(string loadAverage) =>
        double.TryParse(loadAverage.Split(' ')[0], System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var load) && load > Environment.ProcessorCount
            ? $"The machine was loaded by other processes (1-minute load average {load:F1} on {Environment.ProcessorCount} logical processors): every figure here is noisy; compare ratios within this run, and rerun on an idle machine for absolute figures."
            : null;

    /// <summary>The working tree's commit, "+ uncommitted changes" when it has any, or why it is unknown.</summary>
    private static string Commit()
    {
        var head = Git("rev-parse", "--short=12", "HEAD");
        if (head is null) return "unknown (not a git checkout, or git is not installed)";
        var dirty = Git("status", "--porcelain", "--untracked-files=no");
        return string.IsNullOrWhiteSpace(dirty) ? head : $"{head} + uncommitted changes";
    }

    private static string? Git(params string[] args)
    {
        try
        {
            var start = new ProcessStartInfo("git") { RedirectStandardOutput = true, RedirectStandardError = true };
            foreach (var a in args) start.ArgumentList.Add(a);
            using var process = Process.Start(start)!;
            var output = process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            return process.ExitCode == 0 ? output.Trim() : null;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null; // git is not installed
        }
    }
}
