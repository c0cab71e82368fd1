using System.Globalization;
using Grimoire.Autograd;

namespace Grimoire.Nn.Training;

/// <summary>One training run's early-stopping state: the best monitored value so far, the epochs since it, and
/// (with <see cref="EarlyStop.RestoreBest"/>) a copy of the model's parameters and buffers at that epoch. The
/// copies are allocated once, up front, and overwritten on each improvement, so tracking costs one model's worth of
/// memory; a checkpoint saves them with the counters.</summary>
internal sealed class BestEpochTracker : IDisposable
{
    private readonly EarlyStop _rule;
    private readonly (string Name, Tensor Live, Tensor Copy)[] _snapshot;
    private int _epochsWithoutImprovement;

    public BestEpochTracker(EarlyStop rule, ModuleBase model)
    {
        _rule = rule;
        _snapshot = !rule.RestoreBest ? [] :
        [
            .. model.NamedParameters().Select(p => (p.Name, p.Parameter.Value)).Concat(model.NamedBuffers())
                .Select(e => (e.Item1, e.Item2, Tensor.Zeros(e.Item2.Shape, e.Item2.DType, e.Item2.Device))),
        ];
    }

    public double Best { get; private set; } = double.NaN;

    public int BestEpoch { get; private set; }

    /// <summary>Records one epoch's monitored value; returns true when patience has run out and training should stop.</summary>
    public bool Observe(int epoch, double value)
    {
        var improved = BestEpoch == 0 || (_rule.Goal == Goal.Maximize ? value > Best + _rule.MinDelta : value < Best - _rule.MinDelta);
        if (!improved) return ++_epochsWithoutImprovement >= _rule.Patience;
        (Best, BestEpoch, _epochsWithoutImprovement) = (value, epoch, 0);
        using var noGrad = GradMode.NoGrad();
        foreach (var (_, live, copy) in _snapshot) live.CopyTo(copy);
        return false;
    }

    /// <summary>Copies the best epoch's state back into the model when there is one and the rule keeps it.</summary>
    public void RestoreBest()
    {
        if (BestEpoch == 0) return;
        using var noGrad = GradMode.NoGrad();
        foreach (var (_, live, copy) in _snapshot) copy.CopyTo(live);
    }

    /// <summary>The best epoch's copies by parameter or buffer name, for a checkpoint.</summary>
    public IReadOnlyList<(string Name, Tensor Tensor)> Snapshot => [.. _snapshot.Select(s => (s.Name, s.Copy))];

    /// <summary>The counters as a checkpoint stores them.</summary>
    public IReadOnlyDictionary<string, string> Counters => new Dictionary<string, string>
    {
        ["best"] = Best.ToString("R", CultureInfo.InvariantCulture),
        ["best_epoch"] = BestEpoch.ToString(CultureInfo.InvariantCulture),
        ["epochs_without_improvement"] = _epochsWithoutImprovement.ToString(CultureInfo.InvariantCulture),
    };

    /// <summary>Checks stored <paramref name="counters"/> and returns what sets them.</summary>
    public Action ReadCounters(IReadOnlyDictionary<string, string> counters, Func<string, Exception> invalid)
    {
        string Value(string key) => counters.TryGetValue(key, out var v) ? v : throw invalid($"'{key}' is missing (a checkpoint without this early stopping's state?)");
        int Count(string key) => int.TryParse(Value(key), NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n
            : throw invalid($"'{key}' must be an integer >= 0, got {Grimoire.IO.Excerpt.Of(Value(key))}");
        var (bestEpoch, waited) = (Count("best_epoch"), Count("epochs_without_improvement"));
        var parsed = double.TryParse(Value("best"), NumberStyles.Float, CultureInfo.InvariantCulture, out var best);
        if (bestEpoch == 0 ? waited != 0 || !double.IsNaN(best) : !parsed || !double.IsFinite(best) || waited >= _rule.Patience)
            throw invalid($"best {Value("best")} at epoch {bestEpoch} with {waited} epochs since does not fit patience {_rule.Patience}");
        return () => (Best, BestEpoch, _epochsWithoutImprovement) = (best, bestEpoch, waited);
    }

    public void Dispose()
    {
        foreach (var (_, _, copy) in _snapshot) copy.Dispose();
    }
}
