using System.Globalization;
using System.Text;

namespace Grimoire.Text.Tokenizers.WordPiece;

/// <summary>BERT's basic tokenisation (its BasicTokenizer): drop U+0000, U+FFFD and control and format characters,
/// turn every white space into a break, put each CJK ideograph on its own, optionally lowercase and strip accents
/// (NFD, combining marks removed), and split every punctuation character off as a word of its own (ASCII
/// symbols count as punctuation, as in BERT).</summary>
public static class BertPreTokenizer
{
    /// <summary>The words of <paramref name="text"/>.</summary>
    public static List<string> Split(string text, bool lowercase)
    {
        ArgumentNullException.ThrowIfNull(text);
        var words = new List<string>();
        var word = new StringBuilder();
        foreach (var raw in WhitespaceWords(text))
        {
            var token = lowercase ? StripAccents(raw.ToLowerInvariant()) : raw;
            foreach (var rune in token.EnumerateRunes())
            {
                if (!IsPunctuation(rune)) { word.Append(rune.ToString()); continue; }
                Flush(word, words);
                words.Add(rune.ToString());
            }
            Flush(word, words);
        }
        return words;
    }

    // Cleaning, CJK spacing and the white-space split in one pass.
    private static IEnumerable<string> WhitespaceWords(string text)
    {
        var word = new StringBuilder();
        foreach (var rune in text.EnumerateRunes())
        {
            if (rune.Value is 0 or 0xFFFD || IsControl(rune)) continue;
            if (IsWhitespace(rune)) { if (word.Length > 0) { yield return word.ToString(); word.Clear(); } continue; }
            if (IsCjk(rune.Value))
            {
                if (word.Length > 0) { yield return word.ToString(); word.Clear(); }
                yield return rune.ToString();
                continue;
            }
            word.Append(rune.ToString());
        }
        if (word.Length > 0) yield return word.ToString();
    }

    private static void Flush(StringBuilder word, List<string> words)
    {
        if (word.Length == 0) return;
        words.Add(word.ToString());
        word.Clear();
    }

    private static string StripAccents(string text)
    {
        var decomposed = text.Normalize(NormalizationForm.FormD);
        var kept = new StringBuilder(decomposed.Length);
        foreach (var rune in decomposed.EnumerateRunes())
            if (Rune.GetUnicodeCategory(rune) != UnicodeCategory.NonSpacingMark) kept.Append(rune.ToString());
        return kept.ToString();
    }

    private static bool IsWhitespace(Rune r) =>
        r.Value is ' ' or '\t' or '\n' or '\r' || Rune.GetUnicodeCategory(r) == UnicodeCategory.SpaceSeparator;

    // Other (C*) categories, tab and line breaks excepted: they are white space.
    private static bool IsControl(Rune r) => r.Value is not ('\t' or '\n' or '\r') && Rune.GetUnicodeCategory(r) is
        UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.Surrogate or UnicodeCategory.PrivateUse or UnicodeCategory.OtherNotAssigned;

    private static bool IsPunctuation(Rune r) => r.Value is >= 33 and <= 47 or >= 58 and <= 64 or >= 91 and <= 96 or >= 123 and <= 126
        || Rune.GetUnicodeCategory(r) is UnicodeCategory.ConnectorPunctuation or UnicodeCategory.DashPunctuation or UnicodeCategory.OpenPunctuation
            or UnicodeCategory.ClosePunctuation or UnicodeCategory.InitialQuotePunctuation or UnicodeCategory.FinalQuotePunctuation
            or UnicodeCategory.OtherPunctuation;

    /// <summary>BERT's CJK Unified Ideograph blocks (not Hangul, kana or other East Asian scripts).</summary>
    private static bool IsCjk(int c) => c is >= 0x4E00 and <= 0x9FFF or >= 0x3400 and <= 0x4DBF or >= 0x20000 and <= 0x2A6DF
        or >= 0x2A700 and <= 0x2B73F or >= 0x2B740 and <= 0x2B81F or >= 0x2B820 and <= 0x2CEAF or >= 0xF900 and <= 0xFAFF
        or >= 0x2F800 and <= 0x2FA1F;
}
