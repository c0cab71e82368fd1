using System.Diagnostics;
using System.Globalization;
using Grimoire.Autograd;
using Grimoire.Nn.Optimizers;
using Grimoire.Nn.Schedules;
using Grimoire.Nn.Training;
using Grimoire.Text;

namespace Grimoire.Language.Training;

/// <summary>Trains a language model on a corpus (book §31–33). A model that carries state (recurrent) reads the training
/// stream as char-rnn does: cut into <c>batch</c> contiguous rows, window after window (<see cref="TokenStreamWindows"/>),
/// its state carried detached from one window to the next (truncated BPTT) and reset when the stream starts over. A
/// feed-forward model reads independent windows at random offsets. Each step: cross-entropy of the next tokens, AdamW,
/// global-norm clipping and a cosine schedule after an optional warm-up; after the last step the loss on the whole held-out tail.</summary>
public static class LanguageModelTrainer
{
    /// <summary>Trains <paramref name="model"/> in place; progress lines (step, loss, rate, tokens/s) go to <paramref name="progress"/>.</summary>
    /// <exception cref="TextDataException">a window longer than the training or validation text allows.</exception>
    /// <exception cref="ArgumentOutOfRangeException">settings out of range.</exception>
    public static LanguageTrainResult Train(LanguageModel model, LanguageCorpus corpus, LanguageTrainSettings settings, TextWriter? progress = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(corpus);
        settings.Validate();
        CheckFits(model, corpus, settings);
        var clock = Stopwatch.StartNew();
        var losses = new double[settings.Steps];
        using (var optimizer = new AdamW(model.Parameters(), settings.LearningRate, 0.9, 0.99, weightDecay: settings.WeightDecay,
            decays: settings.DecayMatricesOnly ? AdamW.MatricesOnly : null))
        {
            var schedule = new WarmupCosineLR(optimizer, settings.WarmupSteps, settings.Steps, settings.LearningRate / 10);
            using var batches = Batches(model, corpus.Train, settings).GetEnumerator();
            var logEvery = settings.LogEvery > 0 ? settings.LogEvery : Math.Max(1, settings.Steps / 20);
            DecodingState? state = null;
            long tokens = 0, loggedTokens = 0;
            var lastLog = 0.0;
            for (var step = 0; step < settings.Steps; step++)
            {
                using (var scope = new TensorScope())
                {
                    batches.MoveNext();
                    var (inputs, targets, fresh) = batches.Current;
                    if (fresh) { state?.Dispose(); state = null; }
                    var (logits, next) = model.Forward(inputs, state);
                    var loss = logits.Reshape(-1, model.VocabularySize).CrossEntropy(targets.Reshape(-1));
                    optimizer.ZeroGrad();
                    loss.Backward();
                    GradientClipping.ClipByGlobalNorm(optimizer.Parameters, settings.ClipNorm);
                    optimizer.Step();
                    schedule.Step();
                    losses[step] = loss.Item();
                    tokens += targets.Size;
                    state?.Dispose();
                    state = model.CarriesState ? next?.Detach().KeepIn(scope) : null;
                }
                if ((step + 1) % logEvery == 0 || step + 1 == settings.Steps)
                {
                    var now = clock.Elapsed.TotalSeconds;
                    progress?.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"step {step + 1}/{settings.Steps}  loss {losses[(step + 1 - Math.Min(logEvery, step + 1))..(step + 1)].Average():F4}  lr {optimizer.LearningRate:G3}  {(tokens - loggedTokens) / Math.Max(now - lastLog, 1e-9):F0} tokens/s"));
                    (lastLog, loggedTokens) = (now, tokens);
                }
            }
            state?.Dispose();
            var trainingSeconds = clock.Elapsed.TotalSeconds;
            var validation = ValidationLoss(model, corpus.Validation, settings);
            progress?.WriteLine(string.Create(CultureInfo.InvariantCulture, $"validation loss {validation:F4} over {corpus.Validation.Length - 1} tokens"));
            var tail = Math.Max(1, settings.Steps / 10);
            return new LanguageTrainResult(settings.Steps, losses[^tail..].Average(), validation, clock.Elapsed.TotalSeconds, trainingSeconds, tokens);
        }
    }

    /// <summary>Mean cross-entropy (nats per token) of <paramref name="model"/> on <paramref name="ids"/>: read as one
    /// stream cut into <c>batch</c> rows with the state carried when the state is bounded (so every position sees its full
    /// context), else as independent consecutive windows of the training length.</summary>
    public static double ValidationLoss(LanguageModel model, int[] ids, LanguageTrainSettings settings)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(ids);
        using var noGrad = GradMode.NoGrad();
        using var run = new TensorScope(); // holds the carried state; each window's tensors go with its own scope
        var (sum, count) = (0.0, 0L);
        DecodingState? state = null;
        var rows = Math.Min(settings.Batch, ids.Length - 1);
        using var windows = (model.HasBoundedState
            ? TokenStreamWindows.Of(ids, rows, settings.Window, batchFirst: true)
            : ConsecutiveWindows(ids, settings.Batch, Math.Min(settings.Window, ids.Length - 1))).GetEnumerator();
        while (true)
        {
            using var scope = new TensorScope();
            if (!windows.MoveNext()) break;
            var (inputs, targets) = windows.Current;
            var (logits, next) = model.Forward(inputs, state);
            sum += logits.Reshape(-1, model.VocabularySize).CrossEntropy(targets.Reshape(-1), reduction: Reduction.Sum).Item();
            count += targets.Size;
            state = model.HasBoundedState ? next?.KeepIn(scope) : null;
        }
        return sum / count;
    }

    private static void CheckFits(LanguageModel model, LanguageCorpus corpus, LanguageTrainSettings settings)
    {
        if (corpus.Tokenizer.VocabularySize != model.VocabularySize)
            throw new ArgumentException($"the corpus has {corpus.Tokenizer.VocabularySize} token ids but the model {model.VocabularySize}");
        if (corpus.Train.Length < settings.Window + 1)
            throw new TextDataException($"the context of {settings.Window} tokens is longer than the training text allows ({corpus.Train.Length} tokens; each window needs {settings.Window + 1})");
        if (model.CarriesState && corpus.Train.Length < (long)settings.Batch * settings.Window + 1)
            throw new TextDataException($"the training text of {corpus.Train.Length} tokens is too short for {settings.Batch} rows of {settings.Window} tokens; lower --batch or --context");
        if (corpus.Validation.Length < 2) throw new TextDataException($"the held-out tail has {corpus.Validation.Length} token(s); it needs at least 2");
    }

    /// <summary>Endless training batches (inputs, targets, whether a carried state must be dropped first).</summary>
    private static IEnumerable<(Tensor Inputs, Tensor Targets, bool Fresh)> Batches(LanguageModel model, int[] ids, LanguageTrainSettings settings)
    {
        if (model.CarriesState)
        {
            while (true)
            {
                var fresh = true;
                foreach (var (inputs, targets) in TokenStreamWindows.Of(ids, settings.Batch, settings.Window, batchFirst: true))
                {
                    yield return (inputs, targets, fresh);
                    fresh = false;
                }
            }
        }
        var rng = new Rng(settings.Seed ^ 0x5EED_0F_1A4E_5EEDUL);
        var (batch, window) = (settings.Batch, settings.Window);
        while (true)
        {
            var (inputs, targets) = (new int[batch * window], new int[batch * window]);
            for (var b = 0; b < batch; b++)
            {
                var start = rng.NextInt(ids.Length - window);
                Array.Copy(ids, start, inputs, b * window, window);
                Array.Copy(ids, start + 1, targets, b * window, window);
            }
            yield return (Tensor.FromArray(inputs, new Shape(batch, window)), Tensor.FromArray(targets, new Shape(batch, window)), true);
        }
    }

    /// <summary>The stream as consecutive windows of <paramref name="window"/> inputs, up to <paramref name="batch"/> per tensor
    /// (a shorter stream than one window gives one shorter window).</summary>
    private static IEnumerable<(Tensor Inputs, Tensor Targets)> ConsecutiveWindows(int[] ids, int batch, int window)
    {
        var count = (ids.Length - 1) / window;
        for (var first = 0; first < count; first += batch)
        {
            var rows = Math.Min(batch, count - first);
            var (inputs, targets) = (new int[rows * window], new int[rows * window]);
            for (var r = 0; r < rows; r++)
            {
                Array.Copy(ids, (first + r) * window, inputs, r * window, window);
                Array.Copy(ids, (first + r) * window + 1, targets, r * window, window);
            }
            yield return (Tensor.FromArray(inputs, new Shape(rows, window)), Tensor.FromArray(targets, new Shape(rows, window)));
        }
    }
}
