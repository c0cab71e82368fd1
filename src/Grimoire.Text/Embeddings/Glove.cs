using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Grimoire.Text.Embeddings;

/// <summary>GloVe (Pennington et al. 2014; book §32.2): word vectors w, context vectors w̃ and biases b, b̃ fitted by
/// weighted least squares to the log co-occurrence counts, J = Σ ½·f(X_ij)·(w_i·w̃_j + b_i + b̃_j − log X_ij)² with
/// f(x) = min(1, (x/x_max)^α), by AdaGrad over the shuffled entries with Hogwild threads, as GloVe's glove.c does (its
/// squared-gradient sums start at 1 and accumulate the learning-rate-scaled gradients). The final vectors are w + w̃.
/// The book's "factorising a co-occurrence matrix" is this weighted, biased, log-space factorisation.</summary>
public static unsafe class Glove
{
    /// <summary>Trains GloVe on <paramref name="text"/>.</summary>
    /// <exception cref="TextDataException">too few distinct words.</exception>
    /// <exception cref="Grimoire.Ml.ModelException">settings out of range.</exception>
    public static EmbeddingTrainingResult Train(string text, GloveSettings settings, Action<EmbeddingProgress>? progress = null)
    {
        var (corpus, timer) = TrainingSetup.Start(text, settings);
        var (vocabulary, dim) = (corpus.Vocabulary.Count, settings.Dimension);
        var rng = new Rng((ulong)(uint)settings.Seed);
        var counts = Cooccurrence.FromCorpus(corpus, settings.Window, rng);
        // One table per role, each row dim weights then the bias (glove.c's layout), and their AdaGrad sums from 1.
        var stride = dim + 1;
        var words = TrainingSetup.Table(vocabulary, stride, 0.5 / dim, rng);
        var contexts = TrainingSetup.Table(vocabulary, stride, 0.5 / dim, rng);
        var (wordSquares, contextSquares) = (TrainingSetup.Table(vocabulary, stride, 0, null), TrainingSetup.Table(vocabulary, stride, 0, null));
        Array.Fill(wordSquares, 1f);
        Array.Fill(contextSquares, 1f);
        var (lr, xMax, alpha) = ((float)settings.LearningRate, (float)settings.XMax, (float)settings.Alpha);
        var threads = settings.Threads;
        var partLosses = new double[threads];
        var run = new HogwildRun(timer, (long)counts.Count * settings.Epochs, settings.LearningRate, decay: false, progress, corpus.WordCount / (double)Math.Max(1, counts.Count));
        fixed (float* w = words, c = contexts, gw = wordSquares, gc = contextSquares)
        {
            var p = ((nint)w, (nint)c, (nint)gw, (nint)gc);
            for (var epoch = 0; epoch < settings.Epochs; epoch++)
            {
                run.Run(threads, t =>
                {
                    var (from, to) = ((long)counts.Count * t / threads, (long)counts.Count * (t + 1) / threads);
                    var loss = 0.0;
                    for (var e = (int)from; e < to; e++)
                    {
                        var (i, j) = ((long)counts.Rows[e] * stride, (long)counts.Columns[e] * stride);
                        loss += Step((float*)p.Item1 + i, (float*)p.Item2 + j, (float*)p.Item3 + i, (float*)p.Item4 + j, dim, counts.Values[e], xMax, alpha, lr);
                    }
                    partLosses[t] = loss;
                    run.Add(to - from);
                });
                run.Loss = partLosses.Sum() / counts.Count;
            }
        }
        var vectors = new float[(long)vocabulary * dim];
        for (var r = 0; r < vocabulary; r++)
            for (var k = 0; k < dim; k++) vectors[(long)r * dim + k] = words[(long)r * stride + k] + contexts[(long)r * stride + k];
        var report = TrainingSetup.Report("glove", corpus, settings, timer, run.Loss, lr);
        return new EmbeddingTrainingResult(new EmbeddingModel(corpus.Vocabulary.Words, dim, vectors), report);
    }

    /// <summary>One AdaGrad step on entry X = <paramref name="x"/>: <paramref name="word"/> and
    /// <paramref name="context"/> are rows of dim weights followed by the bias, the square sums likewise. Returns
    /// the entry's loss ½·f(x)·diff² before the step. With square sums of 1 the step is exactly −lr·∇.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Step(float* word, float* context, float* wordSquares, float* contextSquares, int dim, float x, float xMax, float alpha, float lr)
    {
        var diff = VectorMath.Dot(word, context, dim) + word[dim] + context[dim] - MathF.Log(x);
        var weighted = (x < xMax ? MathF.Pow(x / xMax, alpha) : 1f) * diff;
        var loss = 0.5f * weighted * diff;
        if (!float.IsFinite(weighted)) return 0f; // glove.c skips such entries too
        AdaGrad(word, context, wordSquares, contextSquares, lr * weighted, dim + 1);
        return loss;
    }

    /// <summary>For each k (the last one the biases, whose partner "row" is the constant 1): w[k] −= g·c[k]/√gw[k] and
    /// c[k] −= g·w[k]/√gc[k] from the values before the step, then the sums grow by the squared steps' numerators.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void AdaGrad(float* w, float* c, float* gw, float* gc, float g, int n)
    {
        var k = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            var scale = Vector256.Create(g);
            for (; k <= n - 1 - 8; k += 8)
            {
                var (wk, ck) = (Vector256.Load(w + k), Vector256.Load(c + k));
                var (dw, dc) = (scale * ck, scale * wk);
                (wk - dw / Vector256.Sqrt(Vector256.Load(gw + k))).Store(w + k);
                (ck - dc / Vector256.Sqrt(Vector256.Load(gc + k))).Store(c + k);
                Vector256.FusedMultiplyAdd(dw, dw, Vector256.Load(gw + k)).Store(gw + k);
                Vector256.FusedMultiplyAdd(dc, dc, Vector256.Load(gc + k)).Store(gc + k);
            }
        }
        for (; k < n - 1; k++)
        {
            var (dw, dc) = (g * c[k], g * w[k]);
            w[k] -= dw / MathF.Sqrt(gw[k]);
            c[k] -= dc / MathF.Sqrt(gc[k]);
            gw[k] += dw * dw;
            gc[k] += dc * dc;
        }
        w[n - 1] -= g / MathF.Sqrt(gw[n - 1]);
        c[n - 1] -= g / MathF.Sqrt(gc[n - 1]);
        gw[n - 1] += g * g;
        gc[n - 1] += g * g;
    }
}
