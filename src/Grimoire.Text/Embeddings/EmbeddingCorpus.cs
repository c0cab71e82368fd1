using Grimoire.Text.Tokenizers;

namespace Grimoire.Text.Embeddings;

/// <summary>Text as the embedding trainers read it: the words and numbers of <see cref="WordScanner"/> (punctuation
/// dropped), optionally lowercased, those below the minimum count removed (as word2vec.c does, so windows close over
/// them), in sentences that end at each line break and after at most <see cref="MaxSentence"/> words (context
/// windows never cross a sentence end).</summary>
public sealed class EmbeddingCorpus
{
    /// <summary>The longest sentence: word2vec.c's MAX_SENTENCE_LENGTH; longer lines are cut.</summary>
    public const int MaxSentence = 1000;

    private readonly int[] _ids;
    private readonly int[] _sentenceStarts;

    private EmbeddingCorpus(Vocabulary vocabulary, int[] ids, int[] sentenceStarts)
    {
        (Vocabulary, _ids, _sentenceStarts) = (vocabulary, ids, sentenceStarts);
    }

    /// <summary>The corpus of <paramref name="text"/>.</summary>
    /// <exception cref="TextDataException">no word occurs <paramref name="minCount"/> times, or only one does.</exception>
    public static EmbeddingCorpus From(string text, bool lowercase = true, int minCount = 5, int maxVocabulary = int.MaxValue)
    {
        ArgumentNullException.ThrowIfNull(text);
        var lines = text.Split('\n').Select(line => WordScanner.Scan(line)
            .Where(s => s.Kind != WordKind.Punctuation)
            .Select(s => lowercase ? line.Substring(s.Start, s.Length).ToLowerInvariant() : line.Substring(s.Start, s.Length))
            .ToArray()).ToArray();
        var vocabulary = Vocabulary.FromWords(lines.SelectMany(l => l), minCount, maxVocabulary);
        if (vocabulary.Count < 2)
            throw new TextDataException($"text has {vocabulary.Count} distinct word(s) seen at least {minCount} times; embeddings need at least 2 (lower min_count or give more text)");
        var ids = new List<int>();
        var starts = new List<int> { 0 };
        foreach (var line in lines)
        {
            foreach (var word in line)
            {
                var id = vocabulary.IdOf(word);
                if (id < 0) continue;
                if (ids.Count - starts[^1] == MaxSentence) starts.Add(ids.Count);
                ids.Add(id);
            }
            if (ids.Count > starts[^1]) starts.Add(ids.Count);
        }
        return new EmbeddingCorpus(vocabulary, [.. ids], [.. starts]);
    }

    /// <summary>The words kept, with their counts, most frequent first.</summary>
    public Vocabulary Vocabulary { get; }

    /// <summary>The number of words in the corpus (occurrences of vocabulary words).</summary>
    public long WordCount => _ids.Length;

    /// <summary>The number of sentences.</summary>
    public int SentenceCount => _sentenceStarts.Length - 1;

    /// <summary>The word ids of sentence <paramref name="index"/>.</summary>
    public ReadOnlySpan<int> Sentence(int index) => _ids.AsSpan(_sentenceStarts[index], _sentenceStarts[index + 1] - _sentenceStarts[index]);

    /// <summary>The sentences [from, to) of part <paramref name="part"/> of <paramref name="parts"/> with about equal
    /// numbers of words: one part per training thread.</summary>
    public (int From, int To) Part(int part, int parts)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(parts);
        ArgumentOutOfRangeException.ThrowIfNegative(part);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(part, parts);
        return (FirstSentenceAtWord(_ids.LongLength * part / parts), FirstSentenceAtWord(_ids.LongLength * (part + 1) / parts));
    }

    private int FirstSentenceAtWord(long word)
    {
        var i = Array.BinarySearch(_sentenceStarts, (int)word);
        return i >= 0 ? i : ~i;
    }
}
