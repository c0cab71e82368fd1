using System.Text;

namespace Grimoire.Text.Embeddings;

/// <summary>fastText's character n-grams (Bojanowski et al. 2017, book §32.2): the word wrapped in the boundary
/// marks &lt; and &gt;, and every run of <c>minN</c> to <c>maxN</c> Unicode characters in it, the whole wrapped word
/// included when it is short enough (as fastText does). Each n-gram is hashed into one of a fixed number of buckets
/// with 32-bit FNV-1a over its UTF-8 bytes (fastText sign-extends bytes above 0x7F first; here they hash as bytes).</summary>
public static class CharacterNGrams
{
    /// <summary>The n-grams of <paramref name="word"/>, shortest first, left to right.</summary>
    /// <exception cref="ArgumentOutOfRangeException">minN below 1 or maxN below minN.</exception>
    public static List<string> Of(string word, int minN, int maxN)
    {
        ArgumentNullException.ThrowIfNull(word);
        ArgumentOutOfRangeException.ThrowIfLessThan(minN, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxN, minN);
        var characters = $"<{word}>".EnumerateRunes().Select(r => r.ToString()).ToArray();
        var grams = new List<string>();
        for (var n = minN; n <= maxN; n++)
            for (var start = 0; start + n <= characters.Length; start++)
                grams.Add(string.Concat(characters.AsSpan(start, n)));
        return grams;
    }

    /// <summary>The bucket of <paramref name="ngram"/> among <paramref name="buckets"/>.</summary>
    public static int Bucket(string ngram, int buckets)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(buckets, 1);
        var hash = 2166136261u;
        foreach (var b in Encoding.UTF8.GetBytes(ngram))
        {
            hash ^= b;
            hash *= 16777619u;
        }
        return (int)(hash % (uint)buckets);
    }

    /// <summary>The buckets of every n-gram of <paramref name="word"/>, in <see cref="Of"/>'s order.</summary>
    public static int[] Buckets(string word, int minN, int maxN, int buckets) =>
        [.. Of(word, minN, maxN).Select(g => Bucket(g, buckets))];
}

/// <summary>The n-gram vectors of a fastText model: a vector for any word, seen or not, as the mean of its n-grams'
/// bucket vectors (fastText's vector for a word outside the vocabulary).</summary>
public sealed class SubwordVectors
{
    private readonly float[] _rows;

    /// <summary>N-gram vectors: <paramref name="rows"/> holds <paramref name="buckets"/> rows of
    /// <paramref name="dimension"/> floats.</summary>
    /// <exception cref="ArgumentException">the sizes disagree or are out of range.</exception>
    public SubwordVectors(int minN, int maxN, int buckets, int dimension, float[] rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentOutOfRangeException.ThrowIfLessThan(minN, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxN, minN);
        ArgumentOutOfRangeException.ThrowIfLessThan(buckets, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(dimension, 1);
        if (rows.LongLength != (long)buckets * dimension)
            throw new ArgumentException($"{rows.LongLength} floats are not {buckets} buckets × {dimension}", nameof(rows));
        (MinN, MaxN, Buckets, Dimension, _rows) = (minN, maxN, buckets, dimension, rows);
    }

    /// <summary>The shortest n-gram.</summary>
    public int MinN { get; }

    /// <summary>The longest n-gram.</summary>
    public int MaxN { get; }

    /// <summary>The number of hash buckets.</summary>
    public int Buckets { get; }

    /// <summary>The length of each vector.</summary>
    public int Dimension { get; }

    /// <summary>The bucket vectors, row after row.</summary>
    public ReadOnlySpan<float> Rows => _rows;

    /// <summary>The mean of the bucket vectors of <paramref name="word"/>'s n-grams.</summary>
    /// <exception cref="TextDataException">the word has no n-gram of the model's lengths.</exception>
    public float[] VectorOf(string word)
    {
        var buckets = CharacterNGrams.Buckets(word, MinN, MaxN, Buckets);
        if (buckets.Length == 0) throw new TextDataException($"word '{word}' is too short for {MinN}- to {MaxN}-character n-grams");
        var vector = new float[Dimension];
        foreach (var bucket in buckets)
        {
            var row = _rows.AsSpan(bucket * Dimension, Dimension);
            for (var i = 0; i < Dimension; i++) vector[i] += row[i];
        }
        for (var i = 0; i < Dimension; i++) vector[i] /= buckets.Length;
        return vector;
    }
}
