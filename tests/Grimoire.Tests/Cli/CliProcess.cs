using System.Diagnostics;

namespace Grimoire.Tests.Cli;

/// <summary>The `grimoire` command as a separate process (built beside the tests), for what only a fresh process
/// shows: environment variables read at start-up, and crashes that would take the test host down.</summary>
public static class CliProcess
{
    public static CliRun Run(IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "grimoire.dll"));
        foreach (var a in args) start.ArgumentList.Add(a);
        foreach (var (key, value) in environment) start.Environment[key] = value;
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEnd();
        Assert.That(process.WaitForExit(TimeSpan.FromMinutes(2)), "grimoire did not finish");
        return new CliRun(process.ExitCode, stdout.Result, stderr);
    }
}
