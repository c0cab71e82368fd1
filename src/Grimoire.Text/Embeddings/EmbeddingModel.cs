namespace Grimoire.Text.Embeddings;

/// <summary>A word and its cosine similarity to a query.</summary>
public readonly record struct Neighbour(string Word, double Similarity);

/// <summary>Static word embeddings (book §32.2): one vector per word, queried by cosine similarity, which ignores the
/// vectors' lengths (frequent words get longer vectors). For a fastText model, <see cref="Subwords"/> gives vectors
/// for words outside the vocabulary.</summary>
public sealed class EmbeddingModel
{
    private readonly string[] _words;
    private readonly float[] _vectors;
    private readonly Dictionary<string, int> _ids;
    private float[]? _unit;

    /// <summary>A model of <paramref name="words"/>, word i's vector at row i of <paramref name="vectors"/>.</summary>
    /// <exception cref="ArgumentException">no words, a repeated word, sizes that disagree, or subword vectors of
    /// another dimension.</exception>
    public EmbeddingModel(IReadOnlyList<string> words, int dimension, float[] vectors, SubwordVectors? subwords = null)
    {
        ArgumentNullException.ThrowIfNull(words);
        ArgumentNullException.ThrowIfNull(vectors);
        ArgumentOutOfRangeException.ThrowIfLessThan(dimension, 1);
        if (words.Count == 0) throw new ArgumentException("an embedding model needs at least one word", nameof(words));
        if (vectors.LongLength != (long)words.Count * dimension)
            throw new ArgumentException($"{vectors.LongLength} floats are not {words.Count} words × {dimension}", nameof(vectors));
        if (subwords is not null && subwords.Dimension != dimension)
            throw new ArgumentException($"subword vectors of dimension {subwords.Dimension} in a model of dimension {dimension}", nameof(subwords));
        _words = [.. words];
        _ids = new Dictionary<string, int>(_words.Length, StringComparer.Ordinal);
        for (var i = 0; i < _words.Length; i++)
            if (!_ids.TryAdd(_words[i], i)) throw new ArgumentException($"word '{_words[i]}' appears twice", nameof(words));
        (Dimension, _vectors, Subwords) = (dimension, vectors, subwords);
    }

    /// <summary>The words, by row.</summary>
    public IReadOnlyList<string> Words => _words;

    /// <summary>The length of each vector.</summary>
    public int Dimension { get; }

    /// <summary>The vectors, row after row.</summary>
    public ReadOnlySpan<float> Vectors => _vectors;

    /// <summary>fastText's n-gram vectors, or null for word2vec and GloVe models.</summary>
    public SubwordVectors? Subwords { get; }

    /// <summary>Whether <paramref name="word"/> has its own row.</summary>
    public bool Contains(string word) => _ids.ContainsKey(word);

    /// <summary>The vector of <paramref name="word"/>: its row, or for a fastText model the mean of its n-gram
    /// vectors when it has none.</summary>
    /// <exception cref="TextDataException">the word is unknown and the model has no subword vectors.</exception>
    public float[] VectorOf(string word)
    {
        ArgumentNullException.ThrowIfNull(word);
        if (_ids.TryGetValue(word, out var id)) return _vectors.AsSpan(id * Dimension, Dimension).ToArray();
        return Subwords?.VectorOf(word) ?? throw new TextDataException($"word '{word}' is not in the vocabulary of {_words.Length} words (and the model has no subword vectors)");
    }

    /// <summary>cos(a, b) of two words' vectors.</summary>
    public double Similarity(string a, string b) => Cosine(VectorOf(a), VectorOf(b));

    /// <summary>The <paramref name="k"/> words most similar to <paramref name="word"/>, the word itself excluded.</summary>
    public IReadOnlyList<Neighbour> Nearest(string word, int k = 10) => Nearest(VectorOf(word), k, [word]);

    /// <summary>word2vec's analogy a : b :: c : ? by 3CosAdd (Mikolov et al. 2013; book §32.2's "king − man + woman ≈
    /// queen" is man : king :: woman : ?): the words nearest to unit(b) − unit(a) + unit(c), the three inputs
    /// excluded.</summary>
    public IReadOnlyList<Neighbour> Analogy(string a, string b, string c, int k = 10)
    {
        var (ua, ub, uc) = (Unit(VectorOf(a)), Unit(VectorOf(b)), Unit(VectorOf(c)));
        var target = new float[Dimension];
        for (var i = 0; i < Dimension; i++) target[i] = ub[i] - ua[i] + uc[i];
        return Nearest(target, k, [a, b, c]);
    }

    /// <summary>The <paramref name="k"/> words whose vectors have the largest cosine with <paramref name="vector"/>,
    /// most similar first (ties in row order), leaving out <paramref name="exclude"/>.</summary>
    /// <exception cref="ArgumentException">a vector of another length, or k below 1.</exception>
    public IReadOnlyList<Neighbour> Nearest(ReadOnlySpan<float> vector, int k, IReadOnlyCollection<string> exclude)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(k, 1);
        if (vector.Length != Dimension) throw new ArgumentException($"a vector of {vector.Length} floats in a model of dimension {Dimension}", nameof(vector));
        var query = Unit(vector);
        var unit = UnitRows();
        var best = new PriorityQueue<int, (double, int)>(); // min-heap on (similarity, −row): the worst kept on top
        for (var row = 0; row < _words.Length; row++)
        {
            if (exclude.Contains(_words[row])) continue;
            var similarity = Dot(query, unit.AsSpan(row * Dimension, Dimension));
            if (best.Count < k) best.Enqueue(row, (similarity, -row));
            else if (best.TryPeek(out _, out var worst) && (similarity, -row).CompareTo(worst) > 0) best.EnqueueDequeue(row, (similarity, -row));
        }
        var result = new List<Neighbour>(best.Count);
        while (best.TryDequeue(out var row, out var key)) result.Add(new Neighbour(_words[row], key.Item1));
        result.Reverse();
        return result;
    }

    private float[] UnitRows()
    {
        if (_unit is { } cached) return cached;
        var unit = new float[_vectors.Length];
        for (var row = 0; row < _words.Length; row++)
            Unit(_vectors.AsSpan(row * Dimension, Dimension)).CopyTo(unit.AsSpan(row * Dimension));
        return _unit = unit;
    }

    private static float[] Unit(ReadOnlySpan<float> vector)
    {
        var norm = Math.Sqrt(Dot(vector, vector));
        var unit = new float[vector.Length];
        if (norm > 0) for (var i = 0; i < vector.Length; i++) unit[i] = (float)(vector[i] / norm);
        return unit;
    }

    private static double Cosine(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        var norms = Math.Sqrt(Dot(a, a) * Dot(b, b));
        return norms > 0 ? Dot(a, b) / norms : 0;
    }

    private static double Dot(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        var sum = 0.0;
        for (var i = 0; i < a.Length; i++) sum += (double)a[i] * b[i];
        return sum;
    }
}
