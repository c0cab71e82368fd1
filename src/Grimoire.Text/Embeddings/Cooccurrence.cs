using System.Runtime.InteropServices;

namespace Grimoire.Text.Embeddings;

/// <summary>GloVe's co-occurrence counts (Pennington et al. 2014): for every pair of words at most window apart in a
/// sentence, X[i, j] and X[j, i] each grow by 1/distance. Kept as the non-zero entries, in a seeded random order
/// (GloVe shuffles them before training).</summary>
public sealed class Cooccurrence
{
    private Cooccurrence(int[] rows, int[] columns, float[] values)
    {
        (Rows, Columns, Values) = (rows, columns, values);
    }

    /// <summary>The word of each entry.</summary>
    public int[] Rows { get; }

    /// <summary>The context word of each entry.</summary>
    public int[] Columns { get; }

    /// <summary>X of each entry, a sum of 1/distance weights.</summary>
    public float[] Values { get; }

    /// <summary>The number of non-zero entries.</summary>
    public int Count => Values.Length;

    /// <summary>Counts the co-occurrences of <paramref name="corpus"/>; the entries' order is shuffled by
    /// <paramref name="rng"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">window below 1.</exception>
    public static Cooccurrence FromCorpus(EmbeddingCorpus corpus, int window, Rng rng)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(window, 1);
        var vocabulary = (long)corpus.Vocabulary.Count;
        var counts = new Dictionary<long, float>();
        for (var s = 0; s < corpus.SentenceCount; s++)
        {
            var words = corpus.Sentence(s);
            for (var i = 0; i < words.Length; i++)
                for (var d = 1; d <= window && i - d >= 0; d++)
                {
                    CollectionsMarshal.GetValueRefOrAddDefault(counts, words[i] * vocabulary + words[i - d], out _) += 1f / d;
                    CollectionsMarshal.GetValueRefOrAddDefault(counts, words[i - d] * vocabulary + words[i], out _) += 1f / d;
                }
        }
        var order = counts.Keys.ToArray();
        rng.Shuffle(order.AsSpan());
        return new Cooccurrence([.. order.Select(k => (int)(k / vocabulary))], [.. order.Select(k => (int)(k % vocabulary))], [.. order.Select(k => counts[k])]);
    }
}
