using Grimoire.Ml.Models.Settings;

namespace Grimoire.Text.Embeddings;

/// <summary>What a training run did, for the CLI's report.</summary>
/// <param name="Method">word2vec-skipgram, word2vec-cbow, glove or fasttext.</param>
/// <param name="VocabularySize">Words with a vector.</param>
/// <param name="CorpusWords">Occurrences of vocabulary words in the corpus.</param>
/// <param name="Epochs">Passes made.</param>
/// <param name="Threads">Hogwild threads.</param>
/// <param name="Seconds">Wall time of the training, from the corpus read into ids to the vectors made (for GloVe the
/// co-occurrence count included).</param>
/// <param name="CpuSeconds">Processor time the process spent in that while, all threads together.</param>
/// <param name="Loss">GloVe's mean weighted squared error over the entries in the last epoch; NaN for the others.</param>
/// <param name="FinalLearningRate">The learning rate at the end.</param>
public sealed record EmbeddingTrainingReport(string Method, int VocabularySize, long CorpusWords, int Epochs, int Threads, double Seconds, double CpuSeconds, double Loss, double FinalLearningRate)
{
    /// <summary>Corpus words × epochs ÷ seconds: word2vec.c's words/s (words dropped by sub-sampling count, as
    /// there); for GloVe the same corpus words per epoch, though its epochs pass over co-occurrence entries.</summary>
    public double WordsPerSecond => CorpusWords * (double)Epochs / Math.Max(Seconds, 1e-9);

    /// <summary><see cref="WordsPerSecond"/> ÷ threads.</summary>
    public double WordsPerSecondPerThread => WordsPerSecond / Threads;

    /// <summary>Corpus words × epochs ÷ processor seconds: the words/s per thread the threads would reach with a core
    /// each, whatever else the machine runs.</summary>
    public double WordsPerCpuSecond => CorpusWords * (double)Epochs / Math.Max(CpuSeconds, 1e-9);
}

/// <summary>A trained model and how its training went.</summary>
public sealed record EmbeddingTrainingResult(EmbeddingModel Model, EmbeddingTrainingReport Report);

/// <summary>The pieces every trainer shares: the per-thread random streams and pinned, seeded parameter tables.</summary>
internal static class TrainingSetup
{
    /// <summary>Thread <paramref name="thread"/>'s generator: a stream of its own, fixed by the seed.</summary>
    public static Rng ThreadRng(int seed, int thread) => new(((ulong)(uint)seed << 16) + (ulong)thread + 1);

    /// <summary>A pinned table of rows × dim floats, zero or uniform in [−scale, scale) from the seed's own stream.</summary>
    /// <exception cref="ArgumentException">more floats than one array holds.</exception>
    public static float[] Table(long rows, int dim, double scale, Rng? rng)
    {
        var length = rows * dim;
        if (length > Array.MaxLength) throw new ArgumentException($"{rows} rows × {dim} floats exceed the {Array.MaxLength} one table can hold; lower dim, max_vocab or buckets");
        var table = GC.AllocateArray<float>((int)length, pinned: true);
        if (rng is not null)
            for (var i = 0; i < table.Length; i++) table[i] = (float)((rng.NextDouble() * 2 - 1) * scale);
        return table;
    }

    /// <summary>What a finished run reports.</summary>
    public static EmbeddingTrainingReport Report(string method, EmbeddingCorpus corpus, EmbeddingSettings settings, TrainingTimer timer, double loss, double learningRate) =>
        new(method, corpus.Vocabulary.Count, corpus.WordCount, settings.Epochs, settings.Threads, timer.Seconds, timer.CpuSeconds, loss, learningRate);

    /// <summary>Checks <paramref name="settings"/>, reads <paramref name="text"/> into a corpus, then starts the timer
    /// (word2vec.c's words/s leaves out reading the vocabulary too).</summary>
    /// <exception cref="Grimoire.Ml.ModelException">a setting out of range.</exception>
    public static (EmbeddingCorpus Corpus, TrainingTimer Timer) Start(string text, EmbeddingSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        EstimatorSettings.Validate(settings);
        return (EmbeddingCorpus.From(text, settings.Lowercase, settings.MinCount, settings.MaxVocabulary), new TrainingTimer());
    }
}
