namespace Grimoire.Text.Tokenizers;

/// <summary>Words with their corpus counts, most frequent first (ties in ordinal order, so a corpus gives one
/// vocabulary), each word's id its position. Shared by the word tokeniser and the embedding trainers.</summary>
public sealed class Vocabulary
{
    private readonly string[] _words;
    private readonly long[] _counts;
    private readonly Dictionary<string, int> _ids;

    private Vocabulary(string[] words, long[] counts)
    {
        _words = words;
        _counts = counts;
        _ids = new Dictionary<string, int>(words.Length, StringComparer.Ordinal);
        for (var i = 0; i < words.Length; i++)
            if (!_ids.TryAdd(words[i], i)) throw new TextDataException($"word '{words[i]}' appears twice in the vocabulary");
    }

    /// <summary>The words seen at least <paramref name="minCount"/> times, the <paramref name="maxSize"/> most frequent
    /// of them at most.</summary>
    /// <exception cref="ArgumentOutOfRangeException">minCount below 1 or maxSize below 1.</exception>
    public static Vocabulary FromWords(IEnumerable<string> words, int minCount = 1, int maxSize = int.MaxValue)
    {
        ArgumentNullException.ThrowIfNull(words);
        ArgumentOutOfRangeException.ThrowIfLessThan(minCount, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxSize, 1);
        var counts = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var word in words) counts[word] = counts.GetValueOrDefault(word) + 1;
        var kept = counts.Where(p => p.Value >= minCount)
            .OrderByDescending(p => p.Value).ThenBy(p => p.Key, StringComparer.Ordinal)
            .Take(maxSize).ToArray();
        return new Vocabulary([.. kept.Select(p => p.Key)], [.. kept.Select(p => p.Value)]);
    }

    /// <summary>A vocabulary of exactly these words in this order, with these counts (a saved one read back).</summary>
    /// <exception cref="TextDataException">the lengths differ, a word repeats, or a count is negative.</exception>
    public static Vocabulary Of(IReadOnlyList<string> words, IReadOnlyList<long> counts)
    {
        if (words.Count != counts.Count) throw new TextDataException($"vocabulary has {words.Count} words but {counts.Count} counts");
        if (counts.Any(c => c < 0)) throw new TextDataException("vocabulary has a negative count");
        return new Vocabulary([.. words], [.. counts]);
    }

    /// <summary>The number of words.</summary>
    public int Count => _words.Length;

    /// <summary>The words, by id.</summary>
    public IReadOnlyList<string> Words => _words;

    /// <summary>How often each word occurred, by id.</summary>
    public IReadOnlyList<long> Counts => _counts;

    /// <summary>The id of <paramref name="word"/>, or -1 when it is not in the vocabulary.</summary>
    public int IdOf(string word) => _ids.GetValueOrDefault(word, -1);

    /// <summary>Whether <paramref name="word"/> is in the vocabulary.</summary>
    public bool Contains(string word) => _ids.ContainsKey(word);
}
