using System.Globalization;

namespace Grimoire.Text.Tokenizers.Bpe;

/// <summary>GPT-2's pre-tokenisation, <c>'s|'t|'re|'ve|'m|'ll|'d| ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S)|\s+</c>,
/// as a hand-written scanner (a character table for ASCII, no backtracking), several times faster than the regular
/// expression. Characters are classified as code points, as GPT-2's Python and tiktoken do: a letter outside the
/// basic plane ("𝐀") is a letter, where .NET's Regex would see two surrogates. <c>\s</c> is .NET's (and Unicode's
/// White_Space): tab to carriage return, U+0085 and the separators.</summary>
public static class Gpt2PreTokenizer
{
    private enum Class : byte { Other, Letter, Number, Space }

    private static readonly Class[] Ascii = BuildAscii();

    /// <summary>The end of the pre-token that starts at <paramref name="start"/> (&lt; text.Length).</summary>
    public static int End(ReadOnlySpan<char> text, int start)
    {
        var i = start;
        var c = text[i];
        if (c == '\'' && i + 1 < text.Length)
        {
            var next = text[i + 1];
            if (next is 's' or 't' or 'm' or 'd') return i + 2;
            if (i + 2 < text.Length && (next is 'r' or 'v' && text[i + 2] == 'e' || next == 'l' && text[i + 2] == 'l')) return i + 3;
        }
        var kind = ClassAt(text, i, out var width);
        if (c == ' ' && i + 1 < text.Length)
        {
            // " ?" belongs to a following letter, number or symbol run.
            var after = ClassAt(text, i + 1, out var afterWidth);
            if (after != Class.Space) { kind = after; i++; width = afterWidth; }
        }
        if (kind != Class.Space)
        {
            i += width;
            while (i < text.Length && ClassAt(text, i, out width) == kind) i += width;
            return i;
        }
        var end = i + 1;
        while (end < text.Length && ClassAt(text, end, out _) == Class.Space) end++;
        // \s+(?!\S): a run followed by a non-space gives its last space to what follows, unless it is that space alone.
        return end < text.Length && end - i >= 2 ? end - 1 : end;
    }

    /// <summary>The pre-tokens of <paramref name="text"/> as (start, length), in order.</summary>
    public static List<(int Start, int Length)> Split(ReadOnlySpan<char> text)
    {
        var pieces = new List<(int, int)>();
        for (var i = 0; i < text.Length;)
        {
            var end = End(text, i);
            pieces.Add((i, end - i));
            i = end;
        }
        return pieces;
    }

    private static Class ClassAt(ReadOnlySpan<char> text, int i, out int width)
    {
        var c = text[i];
        width = 1;
        if (c < 128) return Ascii[c];
        if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
        {
            width = 2;
            return Classify(CharUnicodeInfo.GetUnicodeCategory(char.ConvertToUtf32(c, text[i + 1])));
        }
        return c == '\u0085' ? Class.Space : Classify(CharUnicodeInfo.GetUnicodeCategory(c));
    }

    private static Class Classify(UnicodeCategory category) => category switch
    {
        <= UnicodeCategory.OtherLetter => Class.Letter,
        UnicodeCategory.DecimalDigitNumber or UnicodeCategory.LetterNumber or UnicodeCategory.OtherNumber => Class.Number,
        UnicodeCategory.SpaceSeparator or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator => Class.Space,
        _ => Class.Other,
    };

    private static Class[] BuildAscii()
    {
        var table = new Class[128];
        for (var c = 0; c < 128; c++)
            table[c] = c is >= '\t' and <= '\r' ? Class.Space : Classify(CharUnicodeInfo.GetUnicodeCategory((char)c));
        return table;
    }
}
