using System.Runtime.CompilerServices;

namespace Grimoire.Text.Embeddings;

/// <summary>Negative sampling (Mikolov et al. 2013, book §32.2): one stochastic-gradient step on the loss
/// −log σ(u_t·h) − Σ_k log σ(−u_k·h) of one input vector h, its target word t and the sampled noise words k, with
/// the exact logistic function (word2vec.c's table clips |u·h| at 6; here nothing is clipped).</summary>
internal static unsafe class NegativeSampling
{
    /// <summary>Steps the output rows of the target and of each negative (a negative equal to the target is
    /// skipped, as in word2vec.c) by lr·(label − σ(u·h))·h, and adds lr·(label − σ(u·h))·u, taken before that row's
    /// step, to <paramref name="gradient"/>: the caller adds it to the input rows that make h.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Step(float* hidden, float* outputs, int dim, int target, ReadOnlySpan<int> negatives, float lr, float* gradient)
    {
        Pair(hidden, outputs + (long)target * dim, dim, 1f, lr, gradient);
        foreach (var word in negatives)
            if (word != target) Pair(hidden, outputs + (long)word * dim, dim, 0f, lr, gradient);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Pair(float* hidden, float* output, int dim, float label, float lr, float* gradient)
    {
        var g = (label - Sigmoid(VectorMath.Dot(hidden, output, dim))) * lr;
        VectorMath.AddScaled(gradient, g, output, dim);
        VectorMath.AddScaled(output, g, hidden, dim);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static float Sigmoid(float x) => 1f / (1f + MathF.Exp(-x));
}

/// <summary>Draws noise words from the unigram distribution raised to 3/4 (word2vec.c's table: each word fills a
/// share of the table proportional to count^0.75, and a draw is a uniform table entry).</summary>
internal sealed class NoiseTable
{
    private readonly int[] _table;

    public NoiseTable(IReadOnlyList<long> counts)
    {
        // ~1000 entries per word keeps rare words drawable; the bounds keep small vocabularies exact enough and large
        // ones within word2vec.c's 1e8 entries.
        var size = (int)Math.Clamp(1000L * counts.Count, 1 << 16, 100_000_000);
        _table = new int[size];
        var total = counts.Sum(c => Math.Pow(c, 0.75));
        var word = 0;
        var cumulative = Math.Pow(counts[0], 0.75) / total;
        for (var i = 0; i < size; i++)
        {
            _table[i] = word;
            if ((i + 1) / (double)size > cumulative && word < counts.Count - 1)
                cumulative += Math.Pow(counts[++word], 0.75) / total;
        }
    }

    /// <summary>Fills <paramref name="into"/> with noise words.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Draw(Rng rng, Span<int> into)
    {
        for (var i = 0; i < into.Length; i++) into[i] = _table[(int)((rng.NextUInt64() >> 32) * (ulong)_table.Length >> 32)];
    }
}

/// <summary>Frequent-word sub-sampling with word2vec.c's formula (not the paper's 1 − √(t/f)): a word of relative
/// frequency f is kept with probability (√(f/t) + 1)·t/f, so words rarer than t are always kept; t ≤ 0 keeps all.</summary>
internal sealed class SubSampler
{
    private readonly float[] _keep;

    public SubSampler(IReadOnlyList<long> counts, double threshold)
    {
        var total = (double)counts.Sum();
        _keep = [.. counts.Select(c => threshold <= 0 ? 1f : (float)Math.Min(1, (Math.Sqrt(c / (threshold * total)) + 1) * threshold * total / c))];
    }

    /// <summary>The probability that one occurrence of <paramref name="word"/> is kept.</summary>
    public float KeepProbability(int word) => _keep[word];

    /// <summary>Whether this occurrence of <paramref name="word"/> is trained on.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool Keep(int word, Rng rng) => _keep[word] >= 1f || (rng.NextUInt64() >> 40) * (1f / (1 << 24)) < _keep[word];
}
