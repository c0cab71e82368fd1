using FsCheck;
using FsCheck.Fluent;
using Grimoire.Text.Tokenizers.Bpe;

namespace Grimoire.Tests.Text.Tokenizers;

/// <summary>BPE training: the textbook example, ties, and the incremental loop against a recount-everything reference.</summary>
public sealed class BpeTrainerTests
{
    [Test]
    public void TheClassicExampleMergesTheMostFrequentPairFirstAndBreaksTiesBySmallerIds()
    {
        var tokenizer = BpeTrainer.Train("aaabdaaabac", 259);
        // aa (4 times) first; then ab and (aa)a both twice: ab has the smaller left id; then (aa)(ab).
        Assert.That(tokenizer.MergePairs, Is.EqualTo(new[] { ("a", "a"), ("a", "b"), ("aa", "ab") }));
        Assert.That(tokenizer.Encode("aaabdaaabac"), Is.EqualTo(new[] { 258, 'd', 258, 'a', 'c' }));
    }

    [Test]
    public void IncrementalCountsGiveTheMergesOfAFullRecount()
    {
        var word = Gen.Elements("low", "lower", "newest", "widest", " the", "aaaa", "abab", "  ", "ba", "!!", "été");
        var texts = Gen.ListOf(word).Select(string.Concat);
        var property = Prop.ForAll(Arb.From(texts), text =>
            BpeTrainer.Train(text, 300).Merges.Rules.Select(r => (r.Left, r.Right)).SequenceEqual(ReferenceMerges(text, 44)));
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(100).WithQuietOnSuccess(true), property);
    }

    [Test]
    public void StopsWhenNoPairIsLeftAndRefusesTooSmallVocabularies()
    {
        Assert.That(BpeTrainer.Train("ab", 1000).VocabularySize, Is.EqualTo(257));
        Assert.That(() => BpeTrainer.Train("ab", 255), Throws.ArgumentException.With.Message.Contains("256 byte tokens"));
    }

    // Recounts every pair before each merge.
    private static List<(int, int)> ReferenceMerges(string text, int maxMerges)
    {
        var words = BpeTrainer.CountPreTokens(text).Select(w => (Symbols: w.Symbols.ToList(), w.Count)).ToList();
        var merges = new List<(int, int)>();
        for (var next = 256; merges.Count < maxMerges; next++)
        {
            var counts = new Dictionary<(int, int), long>();
            foreach (var (symbols, count) in words)
                for (var i = 0; i + 1 < symbols.Count; i++)
                    counts[(symbols[i], symbols[i + 1])] = counts.GetValueOrDefault((symbols[i], symbols[i + 1])) + count;
            if (counts.Count == 0) break;
            var best = counts.OrderByDescending(p => p.Value).ThenBy(p => p.Key.Item1).ThenBy(p => p.Key.Item2).First().Key;
            merges.Add(best);
            foreach (var (symbols, _) in words)
                for (var i = 0; i + 1 < symbols.Count; i++)
                    if ((symbols[i], symbols[i + 1]) == best) { symbols[i] = next; symbols.RemoveAt(i + 1); }
        }
        return merges;
    }
}
