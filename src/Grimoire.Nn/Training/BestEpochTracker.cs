using Grimoire.Autograd;

namespace Grimoire.Nn.Training;

/// <summary>One training run's early-stopping state: the best monitored value so far, the epochs since it, and
/// (with <see cref="EarlyStop.RestoreBest"/>) a copy of the model's parameters and buffers at that epoch. The
/// copies are allocated once and overwritten on each improvement, so tracking costs one model's worth of memory.</summary>
internal sealed class BestEpochTracker(EarlyStop rule, ModuleBase model) : IDisposable
{
    private (Tensor Live, Tensor Copy)[]? _snapshot;
    private int _epochsWithoutImprovement;

    public double Best { get; private set; } = double.NaN;

    public int BestEpoch { get; private set; }

    /// <summary>Records one epoch's monitored value; returns true when patience has run out and training should stop.</summary>
    public bool Observe(int epoch, double value)
    {
        var improved = BestEpoch == 0 || (rule.Goal == Goal.Maximize ? value > Best + rule.MinDelta : value < Best - rule.MinDelta);
        if (!improved) return ++_epochsWithoutImprovement >= rule.Patience;
        (Best, BestEpoch, _epochsWithoutImprovement) = (value, epoch, 0);
        if (rule.RestoreBest) Snapshot();
        return false;
    }

    /// <summary>Copies the best epoch's state back into the model when the rule asks for it.</summary>
    public void RestoreBest()
    {
        if (_snapshot is null) return;
        using var noGrad = GradMode.NoGrad();
        foreach (var (live, copy) in _snapshot) copy.CopyTo(live);
    }

    private void Snapshot()
    {
        using var noGrad = GradMode.NoGrad();
        _snapshot ??= model.Parameters().Select(p => p.Value).Concat(model.NamedBuffers().Select(b => b.Buffer))
            .Select(t => (t, Tensor.Zeros(t.Shape, t.DType, t.Device))).ToArray();
        foreach (var (live, copy) in _snapshot) live.CopyTo(copy);
    }

    public void Dispose()
    {
        foreach (var (_, copy) in _snapshot ?? []) copy.Dispose();
    }
}
