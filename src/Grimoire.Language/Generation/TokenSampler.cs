namespace Grimoire.Language.Generation;

/// <summary>Draws token ids from logits by <see cref="SamplingSettings"/>, one seeded generator for the whole run.</summary>
public sealed class TokenSampler
{
    private readonly SamplingSettings _settings;
    private readonly Rng _rng;

    /// <summary>A sampler drawing with <paramref name="settings"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">settings out of range.</exception>
    public TokenSampler(SamplingSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        _settings = settings.Validate();
        _rng = new Rng(settings.Seed);
    }

    /// <summary>The next token for <paramref name="logits"/> (one per vocabulary id; non-finite logits are never drawn
    /// unless all are).</summary>
    /// <exception cref="ArgumentException">no logits.</exception>
    public int Next(ReadOnlySpan<float> logits)
    {
        if (logits.IsEmpty) throw new ArgumentException("no logits to sample from", nameof(logits));
        var values = logits.ToArray();
        var order = Enumerable.Range(0, values.Length).Where(i => float.IsFinite(values[i])).ToArray();
        if (order.Length == 0) return 0;
        // Stable descending order: ties keep the lower id first, so greedy and the cuts are deterministic.
        order = [.. order.OrderByDescending(i => values[i])];
        if (_settings.Temperature == 0) return order[0];
        var keep = _settings.TopK > 0 ? Math.Min(_settings.TopK, order.Length) : order.Length;
        var max = values[order[0]];
        var weights = new double[keep];
        for (var j = 0; j < keep; j++) weights[j] = Math.Exp((values[order[j]] - max) / _settings.Temperature);
        var total = weights.Sum();
        if (_settings.TopP < 1)
        {
            // The smallest prefix whose probability reaches p (at least one token).
            var (mass, cut) = (0.0, 0);
            while (cut < keep && (cut == 0 || mass < _settings.TopP * total)) mass += weights[cut++];
            (keep, total) = (cut, mass);
        }
        var u = _rng.NextDouble() * total;
        for (var j = 0; j < keep; j++)
        {
            u -= weights[j];
            if (u < 0) return order[j];
        }
        return order[keep - 1];
    }
}
