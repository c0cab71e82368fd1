namespace Grimoire.Rlhf.Preferences;

/// <summary>The transparent score the default labeller ranks by, standing in for people's taste: the fraction of a
/// completion's characters that are vowels (a, e, i, o, u in either case). Chosen because anyone can check it by eye,
/// it varies between samples of a character model, and it is easy to over-optimise (vowel soup), so reward hacking
/// against it shows.</summary>
public static class VowelOracle
{
    /// <summary>Vowels / characters of <paramref name="completion"/>, 0 for an empty text.</summary>
    public static double Score(string completion)
    {
        ArgumentNullException.ThrowIfNull(completion);
        if (completion.Length == 0) return 0;
        var vowels = 0;
        foreach (var c in completion)
            if ("aeiouAEIOU".Contains(c)) vowels++;
        return (double)vowels / completion.Length;
    }
}
