using BenchmarkDotNet.Running;
using Grimoire.Benchmarks;

// Pass BenchmarkDotNet arguments through, e.g. --filter '*MatMul*'. Results land in
// BenchmarkDotNet.Artifacts/results; docs/benchmarks/ holds the curated reports.
BenchmarkSwitcher.FromAssembly(typeof(BenchConfig).Assembly).Run(args, new BenchConfig());
