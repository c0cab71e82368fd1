// Build orchestration: `dotnet tool restore && dotnet cake --target=<Target>`.
// Targets: Build, Test (default), Bench, Demo. The same test command as README.md and .ci/run.
var target = Argument("target", "Test");
var configuration = Argument("configuration", "Release");
var benchFilter = Argument("filter", "*");
const string Solution = "./GrimoireEngine.sln";

Task("Build").Does(() =>
    DotNetBuild(Solution, new DotNetBuildSettings { Configuration = configuration }));

Task("Test").IsDependentOn("Build").Does(() =>
    DotNetTest(Solution, new DotNetTestSettings { Configuration = configuration, NoBuild = true }));

Task("Demo").IsDependentOn("Build").Does(() =>
    DotNetRun("./src/Grimoire.Cli/Grimoire.Cli.csproj", new ProcessArgumentBuilder().Append("demo").Append("xor"),
        new DotNetRunSettings { Configuration = configuration, NoBuild = true }));

// The CPU report (docs/benchmarks/cpu-DATE.md), then the BenchmarkDotNet suites, whose results go to
// BenchmarkDotNet.Artifacts/results. Both need a Release build.
Task("Bench").IsDependentOn("Build").Does(() =>
{
    var release = new DotNetRunSettings { Configuration = "Release", NoBuild = configuration == "Release" };
    DotNetRun("./src/Grimoire.Cli/Grimoire.Cli.csproj", new ProcessArgumentBuilder().Append("bench").Append("cpu"), release);
    DotNetRun("./benchmarks/Grimoire.Benchmarks/Grimoire.Benchmarks.csproj",
        new ProcessArgumentBuilder().Append("--filter").AppendQuoted(benchFilter), release);
});

RunTarget(target);
