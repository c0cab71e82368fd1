// Build orchestration: `dotnet tool restore && dotnet cake --target=<Target>`.
// Targets: Build, Test (default), Bench, Demo, Pack, Sample, and for the C library Native, NativeTest, Memcheck.
// The same test command as README.md and .ci/run.
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

// NuGet packages of the libraries and of the grimoire tool, with .snupkg symbols, in artifacts/packages. The pack's build
// runs CMake once for libgrimblas.so, which Grimoire.Native carries under runtimes/linux-x64/native/.
const string PackageFeed = "./artifacts/packages";

Task("Pack").Does(() =>
{
    CleanDirectory(PackageFeed);
    DotNetPack(Solution, new DotNetPackSettings { Configuration = configuration, OutputDirectory = PackageFeed });
});

// samples/PackageSample restored from artifacts/packages alone (its nuget.config) and run. NuGet keeps the first copy
// of a version it restored, so the copies of this version a previous Sample run cached are deleted first.
Task("Sample").IsDependentOn("Pack").Does(() =>
{
    var version = XmlPeek("./Directory.Build.props", "/Project/PropertyGroup/Version");
    var cache = EnvironmentVariable("NUGET_PACKAGES")
        ?? System.IO.Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
    foreach (var copy in GetDirectories($"{cache}/grimoire.*/{version}")) DeleteDirectory(copy, new DeleteDirectorySettings { Recursive = true });
    DotNetRun("./samples/PackageSample/PackageSample.csproj", new DotNetRunSettings { Configuration = "Release" });
});

// The C library (native/): configure and build with CMake, run its unit tests, run them under valgrind memcheck.
// `dotnet build` runs the same CMake build; these targets also build and run the C tests.
void Run(string tool, string arguments)
{
    var exit = StartProcess(tool, new ProcessSettings { Arguments = arguments });
    if (exit != 0) throw new CakeException($"'{tool} {arguments}' failed with exit code {exit}");
}

Task("Native").Does(() =>
{
    Run("cmake", "-S native -B native/build -DCMAKE_BUILD_TYPE=Release");
    Run("cmake", "--build native/build --parallel");
});

Task("NativeTest").IsDependentOn("Native").Does(() =>
    Run("ctest", "--test-dir native/build --output-on-failure --label-exclude memcheck"));

// Every C test under `valgrind --error-exitcode=1 --leak-check=full`: any memory error or leak fails the target.
Task("Memcheck").IsDependentOn("Native").Does(() =>
{
    if (StartProcess("valgrind", new ProcessSettings { Arguments = "--version", RedirectStandardOutput = true }) != 0)
        throw new CakeException("Memcheck needs valgrind on PATH (apt-get install valgrind)");
    Run("cmake", "-S native -B native/build"); // registers the memcheck tests if valgrind was installed after configuring
    Run("ctest", "--test-dir native/build --output-on-failure --label-regex memcheck");
});

RunTarget(target);
