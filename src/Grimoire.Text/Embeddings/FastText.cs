
namespace Grimoire.Text.Embeddings;

/// <summary>fastText's unsupervised skip-gram (Bojanowski et al. 2017; book §32.2): a word's input vector is the mean
/// of its own row and its character n-gram rows (<see cref="CharacterNGrams"/>), trained with negative sampling
/// against each context word as word2vec's skip-gram is; every one of those rows takes the whole gradient of the mean
/// (fastText's update). A word's final vector is that mean; a word never seen gets the mean of its n-gram rows.</summary>
public static unsafe class FastText
{
    /// <summary>Trains fastText-style subword vectors on <paramref name="text"/>.</summary>
    /// <exception cref="TextDataException">too few distinct words.</exception>
    /// <exception cref="Grimoire.Ml.ModelException">settings out of range, or maxn below minn.</exception>
    public static EmbeddingTrainingResult Train(string text, FastTextSettings settings, Action<EmbeddingProgress>? progress = null)
    {
        var (corpus, timer) = TrainingSetup.Start(text, settings);
        if (settings.MaxN < settings.MinN) throw new Grimoire.Ml.ModelException($"setting 'maxn' ({settings.MaxN}) must be >= minn ({settings.MinN})");
        var (vocabulary, dim) = (corpus.Vocabulary.Count, settings.Dimension);
        var rows = corpus.Vocabulary.Words.Select((word, id) =>
            (int[])[id, .. CharacterNGrams.Buckets(word, settings.MinN, settings.MaxN, settings.Buckets).Select(b => vocabulary + b)]).ToArray();
        var input = TrainingSetup.Table((long)vocabulary + settings.Buckets, dim, 1.0 / dim, new Rng((ulong)(uint)settings.Seed));
        var output = TrainingSetup.Table(vocabulary, dim, 0, null);
        var noise = new NoiseTable(corpus.Vocabulary.Counts);
        var sampler = new SubSampler(corpus.Vocabulary.Counts, settings.SubSample);
        var run = new HogwildRun(timer, corpus.WordCount * settings.Epochs, settings.LearningRate, decay: true, progress, wordsPerUnit: 1);
        var vectors = new float[(long)vocabulary * dim];
        fixed (float* inputs = input, outputs = output, words = vectors)
        {
            var (pi, po) = ((nint)inputs, (nint)outputs);
            run.Run(settings.Threads, t =>
                SentenceWindows.Walk(corpus, settings, sampler, run, t, new SubwordSkipGramStep(rows, (float*)pi, (float*)po, dim, noise, new StepScratch(dim, settings.Negatives))));
            for (var w = 0; w < vocabulary; w++) Mean(rows[w], inputs, dim, words + (long)w * dim);
        }
        var subwords = new SubwordVectors(settings.MinN, settings.MaxN, settings.Buckets, dim, input.AsSpan(vocabulary * dim).ToArray());
        var report = TrainingSetup.Report("fasttext", corpus, settings, timer, double.NaN, run.LearningRate);
        return new EmbeddingTrainingResult(new EmbeddingModel(corpus.Vocabulary.Words, dim, vectors, subwords), report);
    }

    /// <summary>The word at pos, as the mean of its rows, predicts each context word; each of its rows takes the
    /// whole gradient.</summary>
    private readonly struct SubwordSkipGramStep(int[][] rows, float* inputs, float* outputs, int dim, NoiseTable noise, StepScratch scratch) : IWindowStep
    {
        public void Train(int[] kept, int pos, int lo, int hi, Rng rng, float lr)
        {
            var own = rows[kept[pos]];
            for (var c = lo; c <= hi; c++)
            {
                if (c == pos) continue;
                Mean(own, inputs, dim, scratch.Hidden);
                new Span<float>(scratch.Gradient, dim).Clear();
                noise.Draw(rng, scratch.Negatives);
                NegativeSampling.Step(scratch.Hidden, outputs, dim, kept[c], scratch.Negatives, lr, scratch.Gradient);
                foreach (var row in own) VectorMath.AddScaled(inputs + (long)row * dim, 1f, scratch.Gradient, dim);
            }
        }
    }

    /// <summary>into = the mean of the input rows <paramref name="rows"/>.</summary>
    private static void Mean(int[] rows, float* inputs, int dim, float* into)
    {
        new Span<float>(into, dim).Clear();
        var share = 1f / rows.Length;
        foreach (var row in rows) VectorMath.AddScaled(into, share, inputs + (long)row * dim, dim);
    }
}
