using Grimoire.Text;
using Grimoire.Text.Embeddings;

namespace Grimoire.Tests.Text.Embeddings;

/// <summary>fastText's character n-grams on hand examples, their FNV-1a buckets, and vectors for unseen words.</summary>
public sealed class SubwordTests
{
    [Test]
    public void TrigramsOfWhereAreThePapersExample() =>
        Assert.That(CharacterNGrams.Of("where", 3, 3), Is.EqualTo(new[] { "<wh", "whe", "her", "ere", "re>" }));

    [Test]
    public void EveryLengthFromMinToMaxIsTakenAndTheWholeWrappedWordWhenShortEnough() =>
        Assert.That(CharacterNGrams.Of("her", 3, 6), Is.EqualTo(new[] { "<he", "her", "er>", "<her", "her>", "<her>" }));

    [Test]
    public void NGramsCountUnicodeCharactersNotUtf16Units()
    {
        Assert.That(CharacterNGrams.Of("é😀", 3, 3), Is.EqualTo(new[] { "<é😀", "é😀>" }));
        Assert.That(CharacterNGrams.Of("a", 4, 6), Is.Empty);
    }

    [Test]
    public void BucketsAreFnv1aOfTheUtf8Bytes()
    {
        // FNV-1a 32-bit: "a" → 0xE40C292C, "foobar" → 0xBF9CF968 (the reference test vectors).
        Assert.That(CharacterNGrams.Bucket("a", int.MaxValue), Is.EqualTo((int)(0xE40C292Cu % int.MaxValue)));
        Assert.That(CharacterNGrams.Bucket("foobar", 1_000_003), Is.EqualTo((int)(0xBF9CF968u % 1_000_003)));
        Assert.That(CharacterNGrams.Buckets("where", 3, 3, 97), Is.EqualTo(CharacterNGrams.Of("where", 3, 3).Select(g => CharacterNGrams.Bucket(g, 97))));
    }

    [Test]
    public void AnUnseenWordsVectorIsTheMeanOfItsNGramRows()
    {
        const int dim = 3, buckets = 11;
        var rows = Enumerable.Range(0, buckets * dim).Select(i => (float)i).ToArray();
        var subwords = new SubwordVectors(3, 4, buckets, dim, rows);
        var ids = CharacterNGrams.Buckets("cat", 3, 4, buckets);
        var expected = Enumerable.Range(0, dim).Select(k => ids.Average(b => rows[b * dim + k])).ToArray();
        Assert.That(subwords.VectorOf("cat"), Is.EqualTo(expected).Within(1e-5));
        Assert.Throws<TextDataException>(() => new SubwordVectors(5, 6, buckets, dim, rows).VectorOf("a"));
    }

    [Test]
    public void AnUnseenWordLandsNearTheSeenWordItSharesNGramsWith()
    {
        var corpus = new GroupedCorpus();
        var model = FastText.Train(corpus.Text, new FastTextSettings { Dimension = 20, Epochs = 5, MinCount = 1, SubSample = 0, Buckets = 5_000, Seed = 1 }).Model;
        foreach (var seen in corpus.Groups.SelectMany(g => g).Take(8))
        {
            var unseen = seen + "s";
            Assert.That(model.Contains(unseen), Is.False);
            Assert.That(model.Nearest(unseen, 1)[0].Word, Is.EqualTo(seen), unseen);
        }
    }
}
