using Grimoire.Ml.Models.Settings;

namespace Grimoire.Text.Embeddings;

/// <summary>What every embedding trainer takes (the `--set` keys of `grimoire embed train`; `--dim`, `--epochs`,
/// `--window`, `--threads` and `--seed` are the same settings).</summary>
public class EmbeddingSettings
{
    /// <summary>Length of each word vector.</summary>
    [Setting("dim", Doc = "length of each word vector", Minimum = 1, Maximum = 4_096)]
    public int Dimension { get; init; } = 100;

    /// <summary>Passes over the corpus (GloVe: over the co-occurrence entries).</summary>
    [Setting("epochs", Doc = "passes over the corpus (GloVe: over the co-occurrence entries)", Minimum = 1, Maximum = 10_000)]
    public int Epochs { get; init; } = 5;

    /// <summary>The largest distance between a word and a context word.</summary>
    [Setting("window", Doc = "largest distance from a word to a context word", Minimum = 1, Maximum = 100)]
    public int Window { get; init; } = 5;

    /// <summary>Words seen fewer times are dropped before training.</summary>
    [Setting("min_count", Doc = "words seen fewer times are dropped", Minimum = 1, Maximum = int.MaxValue)]
    public int MinCount { get; init; } = 5;

    /// <summary>Keep at most this many of the most frequent words.</summary>
    [Setting("max_vocab", Doc = "keep at most this many of the most frequent words", Minimum = 2, Maximum = int.MaxValue)]
    public int MaxVocabulary { get; init; } = 10_000_000;

    /// <summary>Lowercase the text first.</summary>
    [Setting("lowercase", Doc = "lowercase the text first")]
    public bool Lowercase { get; init; } = true;

    /// <summary>The starting learning rate.</summary>
    [Setting("lr", Doc = "starting learning rate", Minimum = 0, ExclusiveMinimum = true, Maximum = 10)]
    public double LearningRate { get; init; } = 0.025;

    /// <summary>Hogwild threads: more than one makes runs not bit-reproducible.</summary>
    [Setting("threads", Doc = "training threads (Hogwild); only 1 is bit-reproducible", Minimum = 1, Maximum = 256)]
    public int Threads { get; init; } = 1;

    /// <summary>Seed of the initial vectors and of every thread's random numbers.</summary>
    [Setting("seed", Doc = "seed of the initial vectors, sampling and windows", Minimum = 0, Maximum = int.MaxValue)]
    public int Seed { get; init; }
}

/// <summary>The settings of the trainers that sample: noise words and frequent-word sub-sampling.</summary>
public class SamplingSettings : EmbeddingSettings
{
    /// <summary>Noise words per positive pair.</summary>
    [Setting("negative", Doc = "noise words per (word, context) pair", Minimum = 1, Maximum = 100)]
    public int Negatives { get; init; } = 5;

    /// <summary>The sub-sampling threshold t (0 keeps every word).</summary>
    [Setting("sample", Doc = "sub-sampling threshold t: words of frequency above t are dropped at random (0: keep all)", Minimum = 0, Maximum = 1)]
    public double SubSample { get; init; } = 1e-3;
}

/// <summary>The two word2vec architectures.</summary>
public enum Word2VecArchitecture
{
    /// <summary>Each context word predicts the word.</summary>
    [Setting("skipgram")] SkipGram,

    /// <summary>The mean of the context words predicts the word.</summary>
    [Setting("cbow")] Cbow,
}

/// <summary>word2vec's settings (book §32.2), with word2vec.c's defaults.</summary>
public sealed class Word2VecSettings : SamplingSettings
{
    /// <summary>Skip-gram or CBOW.</summary>
    [Setting("arch", Doc = "skipgram: each context word predicts the word; cbow: their mean does (word2vec.c uses lr=0.05 for it)")]
    public Word2VecArchitecture Architecture { get; init; } = Word2VecArchitecture.SkipGram;
}

/// <summary>fastText's unsupervised skip-gram settings (Bojanowski et al. 2017), with fastText's defaults except the
/// bucket count (2M there; 100k keeps the n-gram table at 40 MB for dimension 100) and the sub-sampling threshold
/// (word2vec's 1e-3: fastText's 1e-4 drops so many words of a 1 MB corpus that 5 epochs leave the vectors nearly
/// parallel).</summary>
public sealed class FastTextSettings : SamplingSettings
{
    /// <summary>fastText's learning rate, 0.05.</summary>
    public FastTextSettings() => LearningRate = 0.05;

    /// <summary>The shortest character n-gram.</summary>
    [Setting("minn", Doc = "shortest character n-gram (with the < > word boundary marks)", Minimum = 1, Maximum = 32)]
    public int MinN { get; init; } = 3;

    /// <summary>The longest character n-gram.</summary>
    [Setting("maxn", Doc = "longest character n-gram", Minimum = 1, Maximum = 32)]
    public int MaxN { get; init; } = 6;

    /// <summary>Hash buckets the n-grams share.</summary>
    [Setting("buckets", Doc = "hash buckets the character n-grams share", Minimum = 1, Maximum = 100_000_000)]
    public int Buckets { get; init; } = 100_000;
}

/// <summary>GloVe's settings (Pennington et al. 2014), with the GloVe demo's defaults (x_max 10 for small corpora; the
/// paper's 100 suits billions of words).</summary>
public sealed class GloveSettings : EmbeddingSettings
{
    /// <summary>GloVe's defaults: window 10, lr 0.05, 25 epochs.</summary>
    public GloveSettings()
    {
        Window = 10;
        LearningRate = 0.05;
        Epochs = 25;
    }

    /// <summary>Co-occurrence weight at which f(x) = (x/x_max)^α reaches 1.</summary>
    [Setting("x_max", Doc = "co-occurrence at which the weight f(x) = (x/x_max)^alpha reaches 1", Minimum = 0, ExclusiveMinimum = true, Maximum = 1e9)]
    public double XMax { get; init; } = 10;

    /// <summary>The exponent α of the weighting function.</summary>
    [Setting("alpha", Doc = "exponent of the weighting function", Minimum = 0, Maximum = 10)]
    public double Alpha { get; init; } = 0.75;
}
