using Grimoire.Cli;

namespace Grimoire.Tests.Cli;

/// <summary>The result of one in-process `grimoire` invocation.</summary>
public sealed record CliRun(int ExitCode, string Out, string Err)
{
    /// <summary>Runs the CLI with captured writers; an exception escaping Run fails the calling test.</summary>
    public static CliRun Of(params string[] args)
    {
        var (stdout, stderr) = (new StringWriter(), new StringWriter());
        int code = 0;
        Assert.DoesNotThrow(() => code = GrimoireCli.Run(args, stdout, stderr), $"grimoire {string.Join(' ', args)} let an exception escape");
        return new CliRun(code, stdout.ToString(), stderr.ToString());
    }

    public string[] OutLines => Out.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
}
