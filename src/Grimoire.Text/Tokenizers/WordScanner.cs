using System.Globalization;
using System.Text;

namespace Grimoire.Text.Tokenizers;

/// <summary>What a pre-token is: a word (letters, with apostrophes inside), a number (digits, with a decimal point
/// or comma between digits) or one punctuation or symbol character.</summary>
public enum WordKind
{
    /// <summary>Letters and combining marks, with an apostrophe between two letters kept inside ("king's").</summary>
    Word,

    /// <summary>Decimal digits, with a '.' or ',' between two digits kept inside ("3.14", "1,000").</summary>
    Number,

    /// <summary>Any other character that is not white space, one per token.</summary>
    Punctuation,
}

/// <summary>One pre-token: where it lies in the text and what it is.</summary>
public readonly record struct WordSpan(int Start, int Length, WordKind Kind);

/// <summary>Word-level pre-tokenisation (book §32.1): a hand-written scanner equivalent to the regular expression
/// <c>\p{L}[\p{L}\p{M}]*(['’]\p{L}[\p{L}\p{M}]*)*|\p{Nd}+([.,]\p{Nd}+)*|\S</c>, white space dropped. Surrogate
/// pairs are classified as one character.</summary>
public static class WordScanner
{
    /// <summary>The pre-tokens of <paramref name="text"/>, in order.</summary>
    public static List<WordSpan> Scan(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var spans = new List<WordSpan>(text.Length / 5 + 1);
        var i = 0;
        while (i < text.Length)
        {
            var category = Category(text, i, out var width);
            if (IsSpace(category)) { i += width; continue; }
            var start = i;
            if (IsLetter(category))
            {
                i = RunOf(text, i + width, IsLetterOrMark, ['\'', '’'], IsLetter);
                spans.Add(new WordSpan(start, i - start, WordKind.Word));
            }
            else if (category == UnicodeCategory.DecimalDigitNumber)
            {
                i = RunOf(text, i + width, c => c == UnicodeCategory.DecimalDigitNumber, ['.', ','], c => c == UnicodeCategory.DecimalDigitNumber);
                spans.Add(new WordSpan(start, i - start, WordKind.Number));
            }
            else
            {
                i += width;
                spans.Add(new WordSpan(start, width, WordKind.Punctuation));
            }
        }
        return spans;
    }

    /// <summary>The end of a run that continues with characters in <paramref name="body"/>, and across one joiner
    /// character when a character in <paramref name="resume"/> follows it.</summary>
    private static int RunOf(string text, int i, Func<UnicodeCategory, bool> body, char[] joiners, Func<UnicodeCategory, bool> resume)
    {
        while (i < text.Length)
        {
            if (body(Category(text, i, out var width))) { i += width; continue; }
            if (Array.IndexOf(joiners, text[i]) >= 0 && i + 1 < text.Length && resume(Category(text, i + 1, out _))) { i++; continue; }
            break;
        }
        return i;
    }

    private static UnicodeCategory Category(string text, int i, out int width)
    {
        if (Rune.TryGetRuneAt(text, i, out var rune))
        {
            width = rune.Utf16SequenceLength;
            return Rune.GetUnicodeCategory(rune);
        }
        width = 1; // a lone surrogate: a symbol of its own
        return UnicodeCategory.Surrogate;
    }

    private static bool IsSpace(UnicodeCategory c) =>
        c is UnicodeCategory.SpaceSeparator or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator or UnicodeCategory.Control;

    private static bool IsLetter(UnicodeCategory c) => c is >= UnicodeCategory.UppercaseLetter and <= UnicodeCategory.OtherLetter;

    private static bool IsLetterOrMark(UnicodeCategory c) => c is >= UnicodeCategory.UppercaseLetter and <= UnicodeCategory.EnclosingMark;
}
