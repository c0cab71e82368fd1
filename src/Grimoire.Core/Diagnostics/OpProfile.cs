using System.Diagnostics;

namespace Grimoire.Diagnostics;

/// <summary>Wall time spent in each kernel run on the thread that started the profile: calls and seconds per
/// (section, op, variant). Sections name the phase the op ran in: <see cref="Tensor.Backward"/> marks
/// "backward", callers mark their own with <see cref="Section"/>. Off by default; when no profile is active a
/// kernel dispatch pays one thread-static read.</summary>
public sealed class OpProfile : IDisposable
{
    [ThreadStatic] private static OpProfile? t_active;
    [ThreadStatic] private static string? t_section;

    private readonly Dictionary<(string Section, string Op, string Variant), (int Calls, long Ticks)> _totals = [];
    private readonly OpProfile? _outer;
    private bool _stopped;

    private OpProfile(OpProfile? outer) => _outer = outer;

    /// <summary>One row of a profile: the total wall time of one kernel variant in one section.</summary>
    /// <param name="Section">The innermost <see cref="Section"/> label when the op ran ("other" when none).</param>
    /// <param name="Op">Op name, as in <see cref="Ops.OpNames"/>.</param>
    /// <param name="Variant">The kernel variant that ran (e.g. "avx512").</param>
    /// <param name="Calls">Kernel calls counted.</param>
    /// <param name="Seconds">Their total wall time, in seconds.</param>
    public sealed record Entry(string Section, string Op, string Variant, int Calls, double Seconds);

    /// <summary>Starts recording on this thread until the profile is disposed.</summary>
    public static OpProfile Start() => t_active = new OpProfile(t_active);

    /// <summary>Labels the ops run on this thread until the handle is disposed (innermost label wins).</summary>
    public static IDisposable Section(string name)
    {
        var outer = t_section;
        t_section = name;
        return new Restore(() => t_section = outer);
    }

    /// <summary>Totals so far, slowest first.</summary>
    public IReadOnlyList<Entry> Entries =>
        [.. _totals.Select(p => new Entry(p.Key.Section, p.Key.Op, p.Key.Variant, p.Value.Calls, p.Value.Ticks / (double)Stopwatch.Frequency))
            .OrderByDescending(e => e.Seconds)];

    /// <summary>Stops recording; the profile that was active when this one started records again. <see cref="Entries"/>
    /// stays readable. Idempotent.</summary>
    public void Dispose()
    {
        if (_stopped) return;
        _stopped = true;
        if (ReferenceEquals(t_active, this)) t_active = _outer;
    }

    /// <summary>Whether a profile is recording on this thread.</summary>
    internal static bool IsActive => t_active is not null;

    /// <summary>Adds one call of <paramref name="op"/> that began at the <see cref="Stopwatch"/> timestamp <paramref name="start"/>.</summary>
    internal static void Record(string op, string variant, long start)
    {
        if (t_active is not { } profile) return;
        var key = (t_section ?? "other", op, variant);
        var (calls, ticks) = profile._totals.GetValueOrDefault(key);
        profile._totals[key] = (calls + 1, ticks + Stopwatch.GetTimestamp() - start);
    }

    private sealed class Restore(Action restore) : IDisposable
    {
        private bool _done;

        public void Dispose()
        {
            if (_done) return;
            _done = true;
            restore();
        }
    }
}
