using System.Text;
using FsCheck;
using FsCheck.Fluent;

namespace Grimoire.Tests.Text.Tokenizers;

/// <summary>Random text for tokeniser properties: fragments that stress pre-tokenisation (contractions, runs of
/// mixed white space, digits of several scripts, combining marks, CJK, emoji with modifiers and joiners, control
/// characters) mixed with random code points.</summary>
internal static class UnicodeText
{
    private static readonly string[] Fragments =
    [
        "the", "The", " cat", "  ", "   ", "\t", "\n", "\r\n", "\n\n", " \n ", "\u00A0", "\u3000", "\u2028", "\u0085",
        "'s", "'t", "'re", "'ve", "'m", "'ll", "'d", "'S", "'x", " '", "don't", "I'm", "42", " 3.14", "1,000", "٣٤", "Ⅻ", "½",
        "!", "?!", " ...", "--", "\"", "(", ")", "café", "naïve", "e\u0301", "a\u0308\u0323", "Ελλάδα", "Москва", "日本語",
        "你好", " 世界", "한국어", "😀", "🙂🙂", " 👍🏽", "👨\u200D👩\u200D👧", "🇫🇷", "\u0000", "\u0001", "\u001F", "\u007F",
        "\u200B", "\uFEFF", "x", "y", "Z", " ", "$", " $5", "#1", "@user", "\\", "ß", "İ", "ﬁ",
    ];

    /// <summary>Code points of the basic plane (no surrogates) and emoji: text where GPT-2's code-point classes and
    /// .NET Regex's UTF-16 classes agree (a supplementary letter or digit is where they differ).</summary>
    public static Gen<string> Bmp => Text(Gen.OneOf(
        Gen.Choose(0, 0xD7FF),
        Gen.Choose(0xE000, 0xFFFF),
        Gen.Choose(0x1F300, 0x1F64F)));

    /// <summary>Any Unicode scalar values.</summary>
    public static Gen<string> Any => Text(Gen.OneOf(Gen.Choose(0, 0xD7FF), Gen.Choose(0xE000, 0x10FFFF), Gen.Choose(0x10000, 0x2FFFF)));

    private static Gen<string> Text(Gen<int> codePoint)
    {
        var piece = Gen.Frequency(
            (6, Gen.Elements(Fragments)),
            (1, codePoint.Select(c => new Rune(c).ToString())),
            (1, Gen.Choose(0x20, 0x7E).Select(c => ((char)c).ToString())));
        return Gen.ListOf(piece).Select(string.Concat);
    }

    /// <summary>Runs <paramref name="property"/> on <paramref name="maxTest"/> texts from <paramref name="text"/>.</summary>
    public static void Check(Gen<string> text, int maxTest, Func<string, bool> property) =>
        FsCheck.Check.One(Config.QuickThrowOnFailure.WithMaxTest(maxTest).WithQuietOnSuccess(true),
            Prop.ForAll(Arb.From(text), property));
}
