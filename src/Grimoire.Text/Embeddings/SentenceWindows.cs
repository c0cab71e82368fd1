namespace Grimoire.Text.Embeddings;

/// <summary>One training update for the word at <c>pos</c> of a sub-sampled sentence and its context
/// [lo, hi] (pos excluded); a struct, so the loop in <see cref="SentenceWindows"/> inlines it.</summary>
internal interface IWindowStep
{
    void Train(int[] kept, int pos, int lo, int hi, Rng rng, float lr);
}

/// <summary>The loop word2vec.c and fastText share: for each epoch and sentence of this thread's part, drop words by
/// sub-sampling, draw each remaining word's window from 1..window, and count the words read (all of them, dropped
/// ones included, as word2vec.c counts) into the shared progress every 10,000 words, re-reading the decayed learning
/// rate then.</summary>
internal static class SentenceWindows
{
    public static void Walk<TStep>(EmbeddingCorpus corpus, SamplingSettings s, SubSampler sampler, HogwildRun run, int thread, TStep step)
        where TStep : struct, IWindowStep
    {
        var rng = TrainingSetup.ThreadRng(s.Seed, thread);
        var (from, to) = corpus.Part(thread, s.Threads);
        var kept = new int[EmbeddingCorpus.MaxSentence];
        var (pending, lr) = (0L, run.LearningRate);
        for (var epoch = 0; epoch < s.Epochs; epoch++)
            for (var sentence = from; sentence < to; sentence++)
            {
                var words = corpus.Sentence(sentence);
                var n = 0;
                foreach (var w in words)
                    if (sampler.Keep(w, rng)) kept[n++] = w;
                pending += words.Length;
                if (pending >= 10_000)
                {
                    run.Add(pending);
                    (pending, lr) = (0, run.LearningRate);
                }
                for (var pos = 0; pos < n; pos++)
                {
                    var reach = s.Window - rng.NextInt(s.Window);
                    var (lo, hi) = (Math.Max(0, pos - reach), Math.Min(n - 1, pos + reach));
                    if (hi > lo) step.Train(kept, pos, lo, hi, rng, lr);
                }
            }
        run.Add(pending);
    }
}

/// <summary>Per-thread scratch rows of a step: a gradient and a hidden vector, pinned so the steps hold pointers, and
/// the noise words of one update.</summary>
internal readonly unsafe struct StepScratch
{
    private readonly float[] _rows;

    public StepScratch(int dim, int negatives)
    {
        _rows = GC.AllocateArray<float>(2 * dim, pinned: true);
        Negatives = new int[negatives];
        fixed (float* rows = _rows)
        {
            Gradient = rows;
            Hidden = rows + dim;
        }
    }

    public float* Gradient { get; }

    public float* Hidden { get; }

    public int[] Negatives { get; }
}
