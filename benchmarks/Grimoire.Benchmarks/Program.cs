using BenchmarkDotNet.Running;
using Grimoire.Bench;
using Grimoire.Benchmarks;

// `ceilings` measures the machine's two limits (FMA peak, memory bandwidth) that every benchmark
// ratio refers to, and `ml-fit` times classical fits in one process (ClassicalFits). Anything else goes to
// BenchmarkDotNet, e.g. --filter '*MatMul*'; results land in BenchmarkDotNet.Artifacts/results, and docs/benchmarks/
// holds the curated reports.
if (args is ["ceilings"])
{
    foreach (var threads in new[] { 1, Environment.ProcessorCount }.Distinct())
        Console.WriteLine($"threads={threads}  fma_peak={FmaPeak.Gflops(threads):F1} GFLOP/s  triad={TriadBandwidth.GigabytesPerSecond(threads):F1} GB/s");
    return;
}

if (args is ["ml-fit", var model, var path, var repeats, .. var settings])
{
    ClassicalFits.Run(model, path, int.Parse(repeats, System.Globalization.CultureInfo.InvariantCulture), settings);
    return;
}

BenchmarkSwitcher.FromAssembly(typeof(BenchConfig).Assembly).Run(args, new BenchConfig());
