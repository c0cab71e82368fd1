using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Exporters;
using BenchmarkDotNet.Exporters.Csv;
using BenchmarkDotNet.Exporters.Json;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Loggers;

namespace Grimoire.Benchmarks;

/// <summary>
/// Short runs with enough iterations for a stable median on a noisy 2-core machine; medians and
/// throughput columns are what the reports quote.
/// </summary>
public sealed class BenchConfig : ManualConfig
{
    public BenchConfig()
    {
        AddJob(Job.ShortRun.WithWarmupCount(2).WithIterationCount(7).WithLaunchCount(1));
        AddLogger(ConsoleLogger.Default);
        AddColumnProvider(DefaultColumnProviders.Instance);
        AddColumn(StatisticColumn.Median, new ThroughputColumn());
        AddExporter(MarkdownExporter.GitHub, JsonExporter.Full, CsvExporter.Default);
        WithOptions(ConfigOptions.DisableOptimizationsValidator);
    }
}
