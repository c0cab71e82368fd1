using System.Diagnostics;

namespace Grimoire.Bench;

/// <summary>Median wall time of repeated runs after warm-up; the median resists the bursts of a shared machine.</summary>
public static class MedianTimer
{
    public static double Seconds(Action run, int warmups = 2, int runs = 7)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(runs, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(warmups);
        for (var i = 0; i < warmups; i++) run();
        var times = new double[runs];
        for (var i = 0; i < runs; i++)
        {
            var start = Stopwatch.GetTimestamp();
            run();
            times[i] = Stopwatch.GetElapsedTime(start).TotalSeconds;
        }
        Array.Sort(times);
        return runs % 2 == 1 ? times[runs / 2] : (times[runs / 2 - 1] + times[runs / 2]) / 2;
    }
}
