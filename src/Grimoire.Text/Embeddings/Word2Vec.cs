
namespace Grimoire.Text.Embeddings;

/// <summary>word2vec (Mikolov et al. 2013; book §32.2) as word2vec.c trains it: skip-gram or CBOW with negative
/// sampling from unigram^0.75, frequent-word sub-sampling, a dynamic window (each word's window is drawn uniformly
/// from 1..window), a learning rate decayed linearly over all epochs, and Hogwild threads. The book describes
/// word2vec as maximising the cosine similarity of words in similar contexts; what it maximises is the
/// negative-sampling likelihood log σ(u·v) of observed pairs against noise pairs, whose vectors then have high
/// cosine similarity. The word vectors are the input vectors.</summary>
public static unsafe class Word2Vec
{
    /// <summary>Trains word2vec on <paramref name="text"/>.</summary>
    /// <exception cref="TextDataException">too few distinct words.</exception>
    /// <exception cref="Grimoire.Ml.ModelException">settings out of range.</exception>
    public static EmbeddingTrainingResult Train(string text, Word2VecSettings settings, Action<EmbeddingProgress>? progress = null)
    {
        var (corpus, timer) = TrainingSetup.Start(text, settings);
        var (vocabulary, dim) = (corpus.Vocabulary.Count, settings.Dimension);
        var input = TrainingSetup.Table(vocabulary, dim, 0.5 / dim, new Rng((ulong)(uint)settings.Seed));
        var output = TrainingSetup.Table(vocabulary, dim, 0, null);
        var noise = new NoiseTable(corpus.Vocabulary.Counts);
        var sampler = new SubSampler(corpus.Vocabulary.Counts, settings.SubSample);
        var run = new HogwildRun(timer, corpus.WordCount * settings.Epochs, settings.LearningRate, decay: true, progress, wordsPerUnit: 1);
        var cbow = settings.Architecture == Word2VecArchitecture.Cbow;
        fixed (float* inputs = input, outputs = output)
        {
            var (pi, po) = ((nint)inputs, (nint)outputs);
            run.Run(settings.Threads, t =>
            {
                var scratch = new StepScratch(dim, settings.Negatives);
                if (cbow) SentenceWindows.Walk(corpus, settings, sampler, run, t, new CbowStep((float*)pi, (float*)po, dim, noise, scratch));
                else SentenceWindows.Walk(corpus, settings, sampler, run, t, new SkipGramStep((float*)pi, (float*)po, dim, noise, scratch));
            });
        }
        var method = cbow ? "word2vec-cbow" : "word2vec-skipgram";
        var report = TrainingSetup.Report(method, corpus, settings, timer, double.NaN, run.LearningRate);
        return new EmbeddingTrainingResult(new EmbeddingModel(corpus.Vocabulary.Words, dim, input), report);
    }

    /// <summary>Each context word's input vector predicts the word at pos (word2vec.c's order).</summary>
    private readonly struct SkipGramStep(float* inputs, float* outputs, int dim, NoiseTable noise, StepScratch scratch) : IWindowStep
    {
        public void Train(int[] kept, int pos, int lo, int hi, Rng rng, float lr)
        {
            for (var c = lo; c <= hi; c++)
            {
                if (c == pos) continue;
                var row = inputs + (long)kept[c] * dim;
                new Span<float>(scratch.Gradient, dim).Clear();
                noise.Draw(rng, scratch.Negatives);
                NegativeSampling.Step(row, outputs, dim, kept[pos], scratch.Negatives, lr, scratch.Gradient);
                VectorMath.AddScaled(row, 1f, scratch.Gradient, dim);
            }
        }
    }

    /// <summary>The mean of the context words' input vectors predicts the word; every context vector then takes the
    /// whole gradient of the mean, not 1/count of it (word2vec.c's update, which its CBOW learning rate is tuned for).</summary>
    private readonly struct CbowStep(float* inputs, float* outputs, int dim, NoiseTable noise, StepScratch scratch) : IWindowStep
    {
        public void Train(int[] kept, int pos, int lo, int hi, Rng rng, float lr)
        {
            var hidden = scratch.Hidden;
            var gradient = scratch.Gradient;
            var share = 1f / (hi - lo);
            new Span<float>(hidden, dim).Clear();
            for (var c = lo; c <= hi; c++)
                if (c != pos) VectorMath.AddScaled(hidden, share, inputs + (long)kept[c] * dim, dim);
            new Span<float>(gradient, dim).Clear();
            noise.Draw(rng, scratch.Negatives);
            NegativeSampling.Step(hidden, outputs, dim, kept[pos], scratch.Negatives, lr, gradient);
            for (var c = lo; c <= hi; c++)
                if (c != pos) VectorMath.AddScaled(inputs + (long)kept[c] * dim, 1f, gradient, dim);
        }
    }
}
