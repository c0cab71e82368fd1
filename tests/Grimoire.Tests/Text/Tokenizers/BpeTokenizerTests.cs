using System.Text;
using FsCheck;
using FsCheck.Fluent;
using Grimoire.Text;
using Grimoire.Text.Corpora;
using Grimoire.Text.Tokenizers.Bpe;

namespace Grimoire.Tests.Text.Tokenizers;

/// <summary>Byte-level BPE: GPT-2 id parity with Microsoft.ML.Tokenizers, exact round trips, the two merge loops.</summary>
public sealed class BpeTokenizerTests
{
    [Test]
    public void GivesGpt2sIdsOnShakespeare()
    {
        var text = TextCorpus.Load("shakespeare");
        var ours = Gpt2Reference.Ours.Encode(text);
        Assert.That(ours, Has.Length.GreaterThan(250_000));
        Assert.That(ours, Is.EqualTo(Gpt2Reference.Peer.EncodeToIds(text).ToArray()));
    }

    [Test]
    public void GivesGpt2sIdsOnRandomUnicode() =>
        UnicodeText.Check(UnicodeText.Bmp, 300, text =>
            Gpt2Reference.Ours.Encode(text).SequenceEqual(Gpt2Reference.Peer.EncodeToIds(text)));

    [Test]
    public void KnownGpt2Ids()
    {
        Assert.That(Gpt2Reference.Ours.Encode("Hello world"), Is.EqualTo(new[] { 15496, 995 }));
        Assert.That(Gpt2Reference.Ours.VocabularySize, Is.EqualTo(50257));
        Assert.That(Gpt2Files.EndOfTextId(Gpt2Reference.Ours), Is.EqualTo(50256));
    }

    [Test]
    public void Gpt2RoundTripsAnyText() =>
        UnicodeText.Check(UnicodeText.Any, 300, text => Gpt2Reference.Ours.Decode(Gpt2Reference.Ours.Encode(text)) == text);

    [Test]
    public void TrainedRoundTripsAnyText()
    {
        var tokenizer = BpeTrainer.Train(TextCorpus.Load("names"), 400);
        UnicodeText.Check(UnicodeText.Any, 300, text => tokenizer.Decode(tokenizer.Encode(text)) == text);
    }

    [Test]
    public void HeapAndRescanMergeAlike()
    {
        var merges = BpeTrainer.Train("abab aaaa abba baab aabb abc cab " + new string('a', 70), 300).Merges;
        var sequences = Gen.ListOf(Gen.Choose(97, 99)).Select(l => l.ToArray());
        var property = Prop.ForAll(Arb.From(sequences), ids =>
        {
            var (a, b) = (ids.ToArray(), ids.ToArray());
            var (n, m) = (merges.ApplyByRescan(a), merges.ApplyByHeap(b));
            return n == m && a.AsSpan(0, n).SequenceEqual(b.AsSpan(0, m));
        });
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(300).WithQuietOnSuccess(true), property);
        var run = Enumerable.Repeat(97, 1000).ToArray();
        Assert.That(merges.Apply(run), Is.LessThan(1000));
    }

    [Test]
    public void ThreadsEncodingAtOnceGetTheIdsOfOneThread()
    {
        var shakespeare = TextCorpus.Load("shakespeare");
        var tokenizer = BpeTrainer.Train(shakespeare[..50_000], 500);
        var texts = Enumerable.Range(0, 8).Select(i => shakespeare.Substring(i * 10_000, 10_000)).ToArray();
        var reference = BpeTokenizer.FromJson(tokenizer.ToJson());
        var alone = texts.Select(reference.Encode).ToArray();
        var together = new int[texts.Length][];
        Parallel.For(0, texts.Length, new ParallelOptions { MaxDegreeOfParallelism = 4 }, i => together[i] = tokenizer.Encode(texts[i]));
        Assert.That(together, Is.EqualTo(alone));
    }

    [Test]
    public void LongRunsEncodeAndRoundTrip()
    {
        var text = new string(' ', 5000) + "x" + new string('9', 3000) + new string('\n', 2000);
        Assert.That(Gpt2Reference.Ours.Encode(text), Is.EqualTo(Gpt2Reference.Peer.EncodeToIds(text).ToArray()));
        Assert.That(Gpt2Reference.Ours.Decode(Gpt2Reference.Ours.Encode(text)), Is.EqualTo(text));
    }

    [Test]
    public void TiktokenRanksGiveBackTheMergesOfATrainedTokenizer()
    {
        var names = TextCorpus.Load("names");
        var trained = BpeTrainer.Train(names[..60_000], 400);
        var lines = trained.Tokens.Select((t, id) => $"{Convert.ToBase64String(ByteLevel.ToBytes(t))} {id}");
        var back = TiktokenRanks.Read(new StringReader(string.Join("\n", lines.Reverse())));
        Assert.That(back.MergePairs, Is.EqualTo(trained.MergePairs));
        Assert.That(back.Encode(names), Is.EqualTo(trained.Encode(names)));
        Assert.That(() => TiktokenRanks.Read(new StringReader("not base64!")), Throws.TypeOf<TextDataException>().With.Message.Contains("line 1"));
        Assert.That(() => TiktokenRanks.Read(new StringReader("YQ== 0")), Throws.TypeOf<TextDataException>().With.Message.Contains("256 single bytes"));
    }

    [Test]
    public void BadVocabulariesAreRefusedByName()
    {
        var bytes = Enumerable.Range(0, 256).Select(b => ByteLevel.CharOf((byte)b).ToString()).ToList();
        Assert.That(() => new BpeTokenizer(bytes.Skip(1).ToList(), []), Throws.TypeOf<TextDataException>().With.Message.Contains("byte 0"));
        Assert.That(() => new BpeTokenizer([.. bytes, "a"], []), Throws.TypeOf<TextDataException>().With.Message.Contains("twice"));
        Assert.That(() => new BpeTokenizer(bytes, [("a", "b")]), Throws.TypeOf<TextDataException>().With.Message.Contains("'ab'"));
        Assert.That(() => new BpeTokenizer([.. bytes, "ab", "x\u4E00"], [("a", "b")]), Throws.TypeOf<TextDataException>().With.Message.Contains("no byte"));
        Assert.That(() => Gpt2Reference.Ours.Decode([50257]), Throws.TypeOf<ArgumentOutOfRangeException>());
    }
}
