namespace Grimoire.Rlhf.Ppo;

/// <summary>Ziegler et al. (2019)'s adaptive KL coefficient, in the form of the common open-source implementations
/// (lm-human-preferences, TRL): after each batch, e = clip(KL / target − 1, −0.2, 0.2) and β ← β·(1 + e·n / horizon),
/// n the sequences in the batch; β grows while the policy drifts past the target and shrinks while it stays inside.</summary>
public sealed class AdaptiveKlController
{
    /// <summary>A controller starting at <paramref name="initial"/> aiming at <paramref name="target"/> nats per sequence.</summary>
    /// <exception cref="ArgumentOutOfRangeException">a value not positive and finite.</exception>
    public AdaptiveKlController(double initial, double target, double horizon)
    {
        foreach (var (name, v) in new[] { ("initial", initial), ("target", target), ("horizon", horizon) })
            if (!(v > 0) || !double.IsFinite(v)) throw new ArgumentOutOfRangeException(name, $"the KL controller's {name} must be a positive finite number, got {v}");
        (Beta, Target, Horizon) = (initial, target, horizon);
    }

    /// <summary>The current KL coefficient β.</summary>
    public double Beta { get; private set; }

    /// <summary>The KL per sequence aimed at.</summary>
    public double Target { get; }

    /// <summary>Sequences over which β may change by a factor of about e^±0.2.</summary>
    public double Horizon { get; }

    /// <summary>Moves β after a batch of <paramref name="sequences"/> whose mean KL per sequence was <paramref name="kl"/>.</summary>
    public void Update(double kl, int sequences)
    {
        var error = Math.Clamp(kl / Target - 1, -0.2, 0.2);
        Beta *= 1 + error * sequences / Horizon;
    }
}
