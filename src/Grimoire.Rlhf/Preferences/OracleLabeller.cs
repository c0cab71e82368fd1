namespace Grimoire.Rlhf.Preferences;

/// <summary>The default stand-in for a human labeller (not a person: a documented, checkable rule): prefers the
/// completion with the higher <see cref="VowelOracle"/> score, breaks ties at random, and with probability
/// <paramref name="noise"/> answers the other way, as tired or disagreeing people do.</summary>
/// <param name="noise">Probability of flipping a judgement, in [0, 0.5].</param>
/// <param name="seed">Seeds the ties and the flips.</param>
public sealed class OracleLabeller(double noise = 0, ulong seed = 0) : IPreferenceLabeller
{
    private readonly double _noise = noise is >= 0 and <= 0.5 ? noise : throw new ArgumentOutOfRangeException(nameof(noise), $"--noise must lie in [0, 0.5], got {noise}");
    private readonly Rng _rng = new(seed);

    /// <inheritdoc/>
    public bool PrefersFirst(string prompt, string first, string second)
    {
        var (a, b) = (VowelOracle.Score(first), VowelOracle.Score(second));
        var better = a == b ? _rng.NextDouble() < 0.5 : a > b;
        return _noise > 0 && _rng.NextDouble() < _noise ? !better : better;
    }
}
