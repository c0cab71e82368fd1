namespace Grimoire.Bench.Reports;

/// <summary>The environment settings that change which kernels a run measures, written in front of a report's command
/// so that the command reproduces the run: an AVX2 run on an AVX-512 machine is only AVX2 with DOTNET_EnableAVX512=0.</summary>
public static class CommandEnvironment
{
    private static readonly string[] Settings =
        ["DOTNET_EnableAVX512", "DOTNET_EnableAVX2", "DOTNET_PreferredVectorBitWidth", "GRIMOIRE_KERNELS", "GRIMOIRE_THREADS"];

    /// <summary>"NAME=value " for each setting that is set, in a fixed order; empty when none is.</summary>
    public static string Prefix() =>
        string.Concat(Settings.Select(name => Environment.GetEnvironmentVariable(name) is { Length: > 0 } value ? $"{name}={value} " : ""));
}
