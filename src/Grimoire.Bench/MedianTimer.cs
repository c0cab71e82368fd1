using System.Diagnostics;

namespace Grimoire.Bench;

/// <summary>Median wall time of repeated runs after warm-up; the median resists the bursts of a shared machine.
/// Warm-up lasts at least <see cref="MinWarmup"/> (so tiered JIT has promoted the methods a kernel calls many
/// times and the thread pool is awake; work that calls some method only once per run needs a longer warm-up, since
/// tiering waits for 30 calls and a quiet 100 ms), and a run shorter than <see cref="MinSample"/> is repeated
/// within each sample, so timer resolution and a single descheduling cannot dominate sub-millisecond kernels. For a device
/// that queues work (a GPU), <c>settle</c> waits for it at the end of the warm-up and of every sample, inside the timing,
/// so a sample covers the queued runs' execution, not just their launch.</summary>
public static class MedianTimer
{
    public static readonly TimeSpan MinWarmup = TimeSpan.FromMilliseconds(150);
    public static readonly TimeSpan MinSample = TimeSpan.FromMilliseconds(2);

    /// <summary>Seconds per call of <paramref name="run"/>: the median over <paramref name="runs"/> samples.</summary>
    /// <param name="settle">Waits for queued work to finish (a device synchronisation), or null for work that runs synchronously.</param>
    public static double Seconds(Action run, int warmups = 2, int runs = 7, TimeSpan? minWarmup = null, Action? settle = null) =>
        Measure(run, warmups, runs, minWarmup, settle).Median;

    /// <summary>Seconds per call of <paramref name="run"/> in each of <paramref name="runs"/> samples: median and spread.</summary>
    /// <param name="settle">As for <see cref="Seconds"/>.</param>
    public static Timing Measure(Action run, int warmups = 2, int runs = 7, TimeSpan? minWarmup = null, Action? settle = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(runs, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(warmups);
        var warm = Stopwatch.StartNew();
        var calls = 0;
        while (calls < warmups || warm.Elapsed < (minWarmup ?? MinWarmup))
        {
            run();
            calls++;
        }
        settle?.Invoke();
        var perCall = warm.Elapsed.TotalSeconds / calls;
        var repeats = (int)Math.Clamp(Math.Ceiling(MinSample.TotalSeconds / perCall), 1, 10_000);
        var times = new double[runs];
        for (var i = 0; i < runs; i++)
        {
            var start = Stopwatch.GetTimestamp();
            for (var r = 0; r < repeats; r++) run();
            settle?.Invoke();
            times[i] = Stopwatch.GetElapsedTime(start).TotalSeconds / repeats;
        }
        return new Timing(times);
    }
}

/// <summary>Seconds per call in each timed sample, with the median and the spread (fastest and slowest sample).</summary>
public sealed record Timing
{
    public Timing(IEnumerable<double> samples)
    {
        Samples = [.. samples.Order()];
        if (Samples.Count == 0) throw new ArgumentException("a timing needs at least one sample", nameof(samples));
    }

    public IReadOnlyList<double> Samples { get; }

    public double Median => Samples.Count % 2 == 1 ? Samples[Samples.Count / 2] : (Samples[Samples.Count / 2 - 1] + Samples[Samples.Count / 2]) / 2;

    public double Min => Samples[0];

    public double Max => Samples[^1];

    public int Runs => Samples.Count;
}
