namespace Grimoire.Language.Generation;

/// <summary>How the next token is drawn from a model's logits (book §33): divide by <see cref="Temperature"/> (0 picks
/// the most likely token), keep the <see cref="TopK"/> most likely, then the smallest set whose probability reaches
/// <see cref="TopP"/> (nucleus sampling), renormalise and draw with a generator seeded by <see cref="Seed"/>.</summary>
/// <param name="Temperature">≥ 0; 1 samples the model's own distribution, 0 is greedy.</param>
/// <param name="TopK">Keep this many most likely tokens; 0 keeps all.</param>
/// <param name="TopP">Keep the most likely tokens up to this much probability, in (0, 1]; 1 keeps all.</param>
/// <param name="Seed">Seeds the draws, so a run is repeatable.</param>
public sealed record SamplingSettings(double Temperature = 1.0, int TopK = 0, double TopP = 1.0, ulong Seed = 0)
{
    /// <summary>Throws unless every value is in range.</summary>
    /// <exception cref="ArgumentOutOfRangeException">a negative or non-finite temperature, negative k, or p outside (0, 1].</exception>
    public SamplingSettings Validate()
    {
        if (!(Temperature >= 0) || !double.IsFinite(Temperature)) throw new ArgumentOutOfRangeException(nameof(Temperature), $"--temperature must be a finite number >= 0, got {Temperature}");
        if (TopK < 0) throw new ArgumentOutOfRangeException(nameof(TopK), $"--top-k must be >= 0 (0 keeps every token), got {TopK}");
        if (!(TopP > 0 && TopP <= 1)) throw new ArgumentOutOfRangeException(nameof(TopP), $"--top-p must lie in (0, 1], got {TopP}");
        return this;
    }
}
