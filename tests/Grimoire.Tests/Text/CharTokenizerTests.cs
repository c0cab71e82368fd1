using System.Text;
using FsCheck;
using FsCheck.Fluent;
using Grimoire.Text;
using Grimoire.Text.Tokenizers;

namespace Grimoire.Tests.Text;

/// <summary>The character tokeniser: ordinal ids, whole surrogate pairs, exact round trips, clear refusals.</summary>
public sealed class CharTokenizerTests
{
    [Test]
    public void IdsFollowTheCharactersOrdinalOrder()
    {
        var tokenizer = CharTokenizer.FromText("hello");
        Assert.That(tokenizer.VocabularySize, Is.EqualTo(4));
        Assert.That(tokenizer.Encode("hello"), Is.EqualTo(new[] { 1, 0, 2, 2, 3 }));
    }

    [Test]
    public void EncodeThenDecodeGivesTheTextBack()
    {
        var scalar = Gen.OneOf(Gen.Choose(0x20, 0x7E), Gen.Choose(0xA0, 0xD7FF), Gen.Choose(0x10000, 0x10FFFF));
        var texts = Gen.NonEmptyListOf(scalar).Select(codes => string.Concat(codes.Select(c => new Rune(c).ToString())));
        var property = Prop.ForAll(Arb.From(texts), text =>
        {
            var tokenizer = CharTokenizer.FromText(text);
            return tokenizer.Decode(tokenizer.Encode(text)) == text;
        });
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(200).WithQuietOnSuccess(true), property);
    }

    [Test]
    public void ASurrogatePairIsOneToken() =>
        Assert.That(CharTokenizer.FromText("a😀").Encode("😀a"), Has.Length.EqualTo(2));

    [Test]
    public void UnknownCharactersAndIdsAreRefused()
    {
        var tokenizer = CharTokenizer.FromText("ab");
        Assert.That(Assert.Throws<TextDataException>(() => tokenizer.Encode("abc"))!.Message, Does.Contain("U+0063"));
        Assert.Throws<ArgumentOutOfRangeException>(() => tokenizer.Decode([2]));
        Assert.Throws<ArgumentOutOfRangeException>(() => tokenizer.Decode([-1]));
        Assert.Throws<TextDataException>(() => new CharTokenizer([]));
    }
}
