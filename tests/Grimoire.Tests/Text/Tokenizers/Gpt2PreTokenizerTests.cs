using System.Text.RegularExpressions;
using Grimoire.Text.Tokenizers.Bpe;

namespace Grimoire.Tests.Text.Tokenizers;

/// <summary>The hand-written GPT-2 pre-tokeniser against GPT-2's regular expression.</summary>
public sealed class Gpt2PreTokenizerTests
{
    private static readonly Regex Pattern = new(@"'s|'t|'re|'ve|'m|'ll|'d| ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S)|\s+");

    private static string[] Ours(string text) => [.. Gpt2PreTokenizer.Split(text).Select(p => text.Substring(p.Start, p.Length))];

    private static string[] Reference(string text) => [.. Pattern.Matches(text).Select(m => m.Value)];

    [TestCase("Hello world, it's 2024!", new[] { "Hello", " world", ",", " it", "'s", " 2024", "!" })]
    [TestCase("a  b", new[] { "a", " ", " b" })]
    [TestCase("a \n\n b", new[] { "a", " \n\n", " b" })]
    [TestCase("end   ", new[] { "end", "   " })]
    [TestCase("x\ny", new[] { "x", "\n", "y" })]
    [TestCase("they'll've 'S", new[] { "they", "'ll", "'ve", " '", "S" })]
    public void SplitsAsGpt2Does(string text, string[] expected)
    {
        Assert.That(Ours(text), Is.EqualTo(expected));
        Assert.That(Reference(text), Is.EqualTo(expected));
    }

    [Test]
    public void AgreesWithTheRegexOnRandomUnicode() =>
        UnicodeText.Check(UnicodeText.Bmp, 500, text => Ours(text).SequenceEqual(Reference(text)));

    [Test]
    public void ClassifiesCodePointsNotSurrogates() =>
        // 𝐀𝐁 are letters (U+1D400, U+1D401): one run with the space, as in GPT-2's Python and tiktoken.
        Assert.That(Ours("x 𝐀𝐁 1𝟙"), Is.EqualTo(new[] { "x", " 𝐀𝐁", " 1𝟙" }));

    [Test]
    public void PiecesCoverTheTextWithoutGaps() =>
        UnicodeText.Check(UnicodeText.Any, 300, text => string.Concat(Ours(text)) == text && Ours(text).All(p => p.Length > 0));
}
