using System.Buffers.Binary;
using System.Globalization;
using System.Text;
using Grimoire.Text;
using Grimoire.Text.Embeddings;

namespace Grimoire.Tests.Text.Embeddings;

/// <summary>Queries on hand-made vectors with known answers, the binary file's round trip, and its refusals.</summary>
public sealed class EmbeddingModelTests
{
    // man, woman, king, queen on a "royal" and a "female" axis; apple off both; "kin" twice the length of king.
    private static EmbeddingModel Royals() => new(["man", "woman", "king", "queen", "apple", "kin"], 3,
        [1, 0, 0.1f, 1, 1, 0.1f, 1, 0, 1, 1, 1, 1, 0, 0.1f, -1, 2, 0, 2.2f]);

    [Test]
    public void CosineIgnoresLength()
    {
        var model = Royals();
        Assert.That(model.Similarity("king", "king"), Is.EqualTo(1).Within(1e-6));
        Assert.That(model.Similarity("king", "queen"), Is.EqualTo(2 / Math.Sqrt(2 * 3)).Within(1e-6));
        Assert.That(model.Similarity("king", "kin"), Is.GreaterThan(0.99));
    }

    [Test]
    public void NearestExcludesTheQueryAndIsSortedBySimilarity()
    {
        var nearest = Royals().Nearest("king", 3);
        Assert.That(nearest.Select(n => n.Word), Is.EqualTo(new[] { "kin", "queen", "man" }));
        Assert.That(nearest.Select(n => n.Similarity), Is.Ordered.Descending);
        Assert.That(Royals().Nearest("king", 100), Has.Count.EqualTo(5));
    }

    [Test]
    public void AnalogyByVectorArithmeticExcludesItsInputs()
    {
        var model = Royals();
        Assert.That(model.Analogy("man", "king", "woman", 1)[0].Word, Is.EqualTo("queen"));
        Assert.That(model.Analogy("king", "queen", "man", 1)[0].Word, Is.EqualTo("woman"));
        Assert.That(model.Analogy("king", "queen", "man", 10).Select(n => n.Word), Has.None.AnyOf("king", "queen", "man"));
    }

    [Test]
    public void UnknownWordsAndBadArgumentsAreRefused()
    {
        var model = Royals();
        Assert.That(Assert.Throws<TextDataException>(() => model.Nearest("prince"))!.Message, Does.Contain("'prince' is not in the vocabulary"));
        Assert.Throws<ArgumentOutOfRangeException>(() => model.Nearest("king", 0));
        Assert.Throws<ArgumentException>(() => new EmbeddingModel(["a", "a"], 1, [1, 2]));
        Assert.Throws<ArgumentException>(() => new EmbeddingModel(["a"], 2, [1, 2, 3]));
    }

    [Test]
    public void SaveThenLoadGivesTheSameModel()
    {
        var subwords = new SubwordVectors(3, 5, 7, 3, [.. Enumerable.Range(0, 21).Select(i => i * 0.5f - 3)]);
        foreach (var model in new[] { Royals(), new EmbeddingModel(["naïve", "日本", "😀"], 3, [.. Enumerable.Range(0, 9).Select(i => (float)Math.Sin(i))], subwords) })
            WithTemporaryFile(path =>
            {
                EmbeddingFile.Save(model, path);
                var back = EmbeddingFile.Load(path);
                Assert.That(back.Words, Is.EqualTo(model.Words));
                Assert.That(back.Dimension, Is.EqualTo(model.Dimension));
                Assert.That(back.Vectors.ToArray(), Is.EqualTo(model.Vectors.ToArray()));
                Assert.That(back.Subwords?.Rows.ToArray(), Is.EqualTo(model.Subwords?.Rows.ToArray()));
                Assert.That((back.Subwords?.MinN, back.Subwords?.MaxN, back.Subwords?.Buckets), Is.EqualTo((model.Subwords?.MinN, model.Subwords?.MaxN, model.Subwords?.Buckets)));
                if (model.Subwords is not null) Assert.That(back.VectorOf("unseen"), Is.EqualTo(model.VectorOf("unseen")));
            });
    }

    [Test]
    public void TheWord2VecTextFormatHoldsEveryValue() => WithTemporaryFile(path =>
    {
        var model = Royals();
        EmbeddingFile.SaveWord2VecText(model, path);
        var lines = File.ReadAllLines(path);
        Assert.That(lines[0], Is.EqualTo("6 3"));
        var parsed = lines.Skip(1).Select(l => l.Split(' ')).ToArray();
        Assert.That(parsed.Select(p => p[0]), Is.EqualTo(model.Words));
        Assert.That(parsed.SelectMany(p => p.Skip(1).Select(v => float.Parse(v, CultureInfo.InvariantCulture))), Is.EqualTo(model.Vectors.ToArray()));
    });

    private static byte[] Saved(EmbeddingModel model)
    {
        byte[] bytes = [];
        WithTemporaryFile(path =>
        {
            EmbeddingFile.Save(model, path);
            bytes = File.ReadAllBytes(path);
        });
        return bytes;
    }

    private static IEnumerable<TestCaseData> Damages()
    {
        var good = Saved(new EmbeddingModel(["ab", "cd"], 2, [1, 2, 3, 4]));
        byte[] With(Action<byte[]> damage)
        {
            var copy = (byte[])good.Clone();
            damage(copy);
            return copy;
        }
        yield return new TestCaseData(Array.Empty<byte>(), "ends after 0 bytes").SetName("Empty");
        yield return new TestCaseData(With(b => b[0] = (byte)'X'), "not an embedding file").SetName("BadMagic");
        yield return new TestCaseData(With(b => BinaryPrimitives.WriteInt32LittleEndian(b.AsSpan(8), 2)), "version 2").SetName("FutureVersion");
        yield return new TestCaseData(With(b => b[12] = 4), "unknown flags").SetName("UnknownFlags");
        yield return new TestCaseData(With(b => BinaryPrimitives.WriteInt64LittleEndian(b.AsSpan(16), long.MaxValue)), "do not fit").SetName("HugeCount");
        yield return new TestCaseData(With(b => BinaryPrimitives.WriteInt64LittleEndian(b.AsSpan(16), 0)), "0 words").SetName("NoWords");
        yield return new TestCaseData(With(b => BinaryPrimitives.WriteInt32LittleEndian(b.AsSpan(24), 0)), "dimension 0").SetName("ZeroDimension");
        yield return new TestCaseData(With(b => BinaryPrimitives.WriteInt32LittleEndian(b.AsSpan(24), int.MaxValue)), "dimension").SetName("HugeDimension");
        yield return new TestCaseData(With(b => BinaryPrimitives.WriteInt32LittleEndian(b.AsSpan(28), 1 << 30)), "byte length").SetName("HugeWordLength");
        yield return new TestCaseData(With(b => b[32] = 0xFF), "not UTF-8").SetName("NotUtf8");
        yield return new TestCaseData(With(b => (b[38], b[39]) = ((byte)'a', (byte)'b')), "'ab' appears twice").SetName("RepeatedWord");
        yield return new TestCaseData(good[..^3], "need 16 bytes").SetName("Truncated");
        yield return new TestCaseData(With(b => BinaryPrimitives.WriteSingleLittleEndian(b.AsSpan(b.Length - 4), float.NaN)), "non-finite").SetName("NaN");
        yield return new TestCaseData((byte[])[.. good, 0], "1 bytes follow").SetName("TrailingBytes");
    }

    [TestCaseSource(nameof(Damages))]
    public void ADamagedFileIsRefusedNamingTheProblem(byte[] bytes, string expected) => WithTemporaryFile(path =>
    {
        File.WriteAllBytes(path, bytes);
        var error = Assert.Throws<TextDataException>(() => EmbeddingFile.Load(path))!;
        Assert.That(error.Message, Does.Contain(path).And.Contain(expected));
    });

    [Test]
    public void AMissingFileIsRefused() =>
        Assert.That(Assert.Throws<TextDataException>(() => EmbeddingFile.Load("/nonexistent/e.bin"))!.Message, Does.Contain("/nonexistent/e.bin"));

    private static void WithTemporaryFile(Action<string> use)
    {
        var path = Path.Combine(Path.GetTempPath(), $"grimoire-{Guid.NewGuid():N}.bin");
        try { use(path); }
        finally { File.Delete(path); }
    }
}
