using System.Diagnostics;
using System.Globalization;
using Grimoire.Rl.Environments;

namespace Grimoire.Rl.Agents;

/// <summary>Training progress as plain lines, about twenty per run: steps done, steps per second and the mean return of
/// the last 20 finished episodes. Also the figures a run reports at its end.</summary>
public sealed class RlProgress(TextWriter? writer, long totalSteps)
{
    private const int Window = 20;
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private long _nextLine = Math.Max(1, totalSteps / 20);

    /// <summary>Seconds since the run started.</summary>
    public double Seconds => _clock.Elapsed.TotalSeconds;

    /// <summary>Prints a line when <paramref name="steps"/> has passed the next twentieth of the run.</summary>
    public void Update(long steps, IReadOnlyList<EpisodeRecord> episodes)
    {
        if (writer is null || steps < _nextLine) return;
        while (_nextLine <= steps) _nextLine += Math.Max(1, totalSteps / 20);
        writer.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"steps {steps,8}/{totalSteps}  {steps / Math.Max(Seconds, 1e-9),8:F0} steps/s  episodes {episodes.Count,5}  mean return (last {Window}) {RecentMean(episodes),8:F2}"));
    }

    /// <summary>The figures of a run that took <paramref name="steps"/> steps and finished <paramref name="episodes"/>.</summary>
    public TrainingFigures Figures(long steps, IReadOnlyList<EpisodeRecord> episodes) => new(steps, episodes.Count, RecentMean(episodes), Seconds);

    /// <summary>The mean return of the last 20 episodes (NaN before the first ends).</summary>
    public static double RecentMean(IReadOnlyList<EpisodeRecord> episodes) =>
        episodes.Count == 0 ? double.NaN : episodes.Skip(Math.Max(0, episodes.Count - Window)).Average(e => e.Return);
}
