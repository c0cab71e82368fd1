using System.Diagnostics;

namespace Grimoire.Tests.Support;

/// <summary>Runs a program as a user would (a built application, <c>dotnet publish</c>, <c>dotnet pack</c>) and returns
/// its exit code with stdout and stderr, for the tests that check what the engine looks like from outside.</summary>
internal static class ChildProcess
{
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(5);

    public static (int ExitCode, string Output) Run(string program, params string[] args) => RunIn(null, program, args);

    /// <summary>Runs in <paramref name="directory"/> (null: the current one), where dotnet finds nuget.config.</summary>
    public static (int ExitCode, string Output) RunIn(string? directory, string program, params string[] args)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true };
        if (directory is not null) start.WorkingDirectory = directory;
        foreach (var a in args) start.ArgumentList.Add(a);
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEnd();
        Assert.That(process.WaitForExit(Limit), $"{program} {string.Join(' ', args)} did not finish in {Limit}");
        return (process.ExitCode, stdout.Result + stderr);
    }
}

/// <summary>Where this test build sits: tests/Grimoire.Tests/bin/&lt;configuration&gt;/net10.0/ in the repository.</summary>
internal static class RepositoryLayout
{
    private static readonly DirectoryInfo Output = new(Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory));

    /// <summary>The build configuration the tests were built in (the engine's projects were built in it too).</summary>
    public static string Configuration { get; } = Output.Parent!.Name;

    public static string Root { get; } = Output.Parent!.Parent!.Parent!.Parent!.Parent!.FullName;
}
