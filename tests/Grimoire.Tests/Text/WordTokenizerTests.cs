using FsCheck;
using FsCheck.Fluent;
using Grimoire.Text;
using Grimoire.Text.Tokenizers;

namespace Grimoire.Tests.Text;

/// <summary>The word tokeniser: pre-tokenisation into words, numbers and punctuation, a counted vocabulary with an
/// unknown id, and its JSON form.</summary>
public sealed class WordTokenizerTests
{
    private static string[] Split(string text) => [.. WordTokenizer.Tokens(text, lowercase: false)];

    [Test]
    public void TheBooksExampleSplitsIntoWordsAndPunctuation() =>
        Assert.That(Split("Arya is amazing!"), Is.EqualTo(new[] { "Arya", "is", "amazing", "!" }));

    [TestCase("king's men", new[] { "king's", "men" })]
    [TestCase("'tis o'er", new[] { "'", "tis", "o'er" })]
    [TestCase("rock 'n' roll", new[] { "rock", "'", "n", "'", "roll" })]
    [TestCase("pi is 3.14, not 1,000.", new[] { "pi", "is", "3.14", ",", "not", "1,000", "." })]
    [TestCase("end.\tNext\r\nline", new[] { "end", ".", "Next", "line" })]
    [TestCase("café naïve", new[] { "café", "naïve" })]
    [TestCase("a😀b", new[] { "a", "😀", "b" })]
    [TestCase("x2y", new[] { "x", "2", "y" })]
    [TestCase("", new string[0])]
    public void PreTokenisationFollowsTheDocumentedPattern(string text, string[] expected) =>
        Assert.That(Split(text), Is.EqualTo(expected));

    [Test]
    public void TheVocabularyKeepsFrequentTokensAndMapsTheRestToUnknown()
    {
        var tokenizer = WordTokenizer.Train("The cat saw the dog. The dog ran.", minCount: 2, lowercase: true);
        Assert.That(tokenizer.TokensById, Is.EqualTo(new[] { "<unk>", "the", ".", "dog" }));
        Assert.That(tokenizer.Encode("the Dog sat."), Is.EqualTo(new[] { 1, 3, 0, 2 }));
        Assert.That(tokenizer.Decode(tokenizer.Encode("THE DOG")), Is.EqualTo("the dog"));
        Assert.That(WordTokenizer.Train("a a a b b c", maxSize: 3).TokensById, Is.EqualTo(new[] { "<unk>", "a", "b" }));
    }

    [Test]
    public void DecodingGivesTheTokensBackJoinedBySpaces()
    {
        var word = Gen.Elements("alpha", "beta", "gamma", "Delta", "42", "3.5", ",", ".", "!", "it's");
        var texts = Gen.NonEmptyListOf(word).Select(words => string.Join(" ", words));
        var property = Prop.ForAll(Arb.From(texts), text =>
        {
            var tokenizer = WordTokenizer.Train(text);
            return tokenizer.Decode(tokenizer.Encode(text)) == string.Join(' ', Split(text)) && !tokenizer.Encode(text).Contains(0);
        });
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(100).WithQuietOnSuccess(true), property);
    }

    [Test]
    public void JsonRoundTripGivesTheSameIds()
    {
        var tokenizer = WordTokenizer.Train("To be, or not to be: that is the question.", lowercase: true);
        var json = tokenizer.ToJson();
        Assert.That(json, Does.Contain("\"kind\":\"word\""));
        var back = WordTokenizer.FromJson(json);
        Assert.That(back.TokensById, Is.EqualTo(tokenizer.TokensById));
        Assert.That(back.Lowercase, Is.True);
        Assert.That(back.Encode("To BE or else"), Is.EqualTo(tokenizer.Encode("To BE or else")));
    }

    [TestCase("not json", "malformed")]
    [TestCase("[1]", "not an object")]
    [TestCase("{\"kind\":\"bpe\",\"lowercase\":true,\"tokens\":[\"<unk>\"]}", "kind 'bpe'")]
    [TestCase("{\"kind\":\"word\",\"tokens\":[\"<unk>\"]}", "lowercase")]
    [TestCase("{\"kind\":\"word\",\"lowercase\":false}", "tokens")]
    [TestCase("{\"kind\":\"word\",\"lowercase\":false,\"tokens\":[\"a\"]}", "<unk>")]
    [TestCase("{\"kind\":\"word\",\"lowercase\":false,\"tokens\":[\"<unk>\",\"a\",\"a\"]}", "twice")]
    [TestCase("{\"kind\":\"word\",\"lowercase\":false,\"tokens\":[\"<unk>\",3]}", "malformed")]
    public void DamagedJsonIsRefusedByName(string json, string expected) =>
        Assert.That(Assert.Throws<TextDataException>(() => WordTokenizer.FromJson(json))!.Message, Does.Contain(expected));

    [Test]
    public void BadArgumentsAndIdsAreRefused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => WordTokenizer.Train("a", minCount: 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => WordTokenizer.Train("a", maxSize: 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => WordTokenizer.Train("a b").Decode([3]));
    }
}
