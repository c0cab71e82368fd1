using System.Diagnostics;
using System.Globalization;
using Grimoire.Language.Checkpoints;
using Grimoire.Language.Models;
using Grimoire.Ml;
using Grimoire.Nn.Optimizers;
using Grimoire.Text;
using Grimoire.Text.Tokenizers;

namespace Grimoire.Language.Tasks;

/// <summary>What a fine-tuning run measured: the task's metric on the held-out examples.</summary>
/// <param name="Task">"sentiment", "ner" or "qa".</param>
/// <param name="Init">"pretrained" (the encoder of a saved language model) or "scratch".</param>
/// <param name="Metric">"accuracy", "entity_f1" or "exact_match".</param>
/// <param name="Value">The metric on the test examples, in [0, 1].</param>
/// <param name="TrainExamples">Labelled examples fine-tuned on.</param>
/// <param name="TestExamples">Held-out examples scored.</param>
/// <param name="Epochs">Passes over the training examples.</param>
/// <param name="Seconds">Wall time of fine-tuning and scoring.</param>
public sealed record NlpTaskResult(string Task, string Init, string Metric, double Value, int TrainExamples, int TestExamples, int Epochs, double Seconds);

/// <summary>One §34 run as `grimoire nlp train` describes it: generate the task's labelled examples (training and test
/// sets from different seeds), take the encoder of a pretrained recurrent language model (or a fresh one of the same
/// shape: the from-scratch baseline), add a task head and fine-tune both with AdamW, then score the test set.</summary>
/// <param name="Task">"sentiment", "ner" or "qa".</param>
public sealed record NlpTaskRequest(string Task)
{
    /// <summary>The tasks by name.</summary>
    public static IReadOnlyList<string> Tasks { get; } = ["sentiment", "ner", "qa"];

    /// <summary>A language model saved by `grimoire lm train` (rnn, lstm or gru, character tokeniser) whose encoder
    /// starts fine-tuning; null trains from scratch.</summary>
    public string? PretrainedPath { get; init; }

    /// <summary>Labelled training examples.</summary>
    public int TrainExamples { get; init; } = 300;

    /// <summary>Held-out test examples.</summary>
    public int TestExamples { get; init; } = 500;

    /// <summary>Passes over the training examples.</summary>
    public int Epochs { get; init; } = 10;

    /// <summary>Examples per step.</summary>
    public int Batch { get; init; } = 16;

    /// <summary>AdamW's rate.</summary>
    public double LearningRate { get; init; } = 3e-3;

    /// <summary>Seeds the examples, the head and (from scratch) the encoder.</summary>
    public ulong Seed { get; init; }

    /// <summary>The scratch encoder's layers and width when there is no pretrained model.</summary>
    public (int Layers, int Dim) ScratchShape { get; init; } = (1, 128);

    /// <summary>Fine-tunes and scores; progress lines (epoch, loss) go to <paramref name="progress"/>.</summary>
    /// <exception cref="ModelException">an unknown task, or a pretrained model that is not recurrent or not character-level.</exception>
    /// <exception cref="Grimoire.Nn.Checkpoints.CheckpointException">an unreadable pretrained model.</exception>
    /// <exception cref="TextDataException">task text holding a character the pretrained tokeniser lacks.</exception>
    /// <exception cref="ArgumentOutOfRangeException">a count or rate out of range.</exception>
    public NlpTaskResult Run(TextWriter? progress = null)
    {
        INlpTask task = Task switch
        {
            "sentiment" => new SentimentTask(),
            "ner" => new EntityTask(),
            "qa" => new QuestionAnsweringTask(),
            _ => throw new ModelException($"unknown task '{Task}'; tasks: {string.Join(", ", Tasks)}"),
        };
        if (TrainExamples < 1 || TestExamples < 1 || Epochs < 1 || Batch < 1)
            throw new ArgumentOutOfRangeException(nameof(TrainExamples), "--train, --test, --epochs and --batch must be at least 1");
        if (!(LearningRate > 0) || !double.IsFinite(LearningRate)) throw new ArgumentOutOfRangeException(nameof(LearningRate), $"--lr must be a positive finite number, got {LearningRate}");
        var train = task.Generate(TrainExamples, Seed * 2 + 1);
        var test = task.Generate(TestExamples, Seed * 2 + 2);
        var (encoder, tokenizer) = Encoder(train.Concat(test).Select(task.Input));
        var rng = new Rng(Seed ^ 0x7A5C_0001UL);
        using var network = new TaskNetwork(encoder, task.Outputs, rng);
        // Every text must encode: a pretrained tokeniser names the first character it lacks.
        foreach (var example in train.Concat(test)) tokenizer.Encode(task.Input(example));
        var clock = Stopwatch.StartNew();
        using (var optimizer = new AdamW(network.Trainable(), LearningRate, 0.9, 0.99))
        {
            var order = Enumerable.Range(0, train.Count).ToArray();
            for (var epoch = 1; epoch <= Epochs; epoch++)
            {
                rng.Shuffle(order.AsSpan());
                var (sum, steps) = (0.0, 0);
                foreach (var chunk in order.Chunk(Batch))
                {
                    using var scope = new TensorScope();
                    var loss = task.Loss(network, tokenizer, [.. chunk.Select(i => train[i])]);
                    optimizer.ZeroGrad();
                    loss.Backward();
                    GradientClipping.ClipByGlobalNorm(optimizer.Parameters, 1.0);
                    optimizer.Step();
                    (sum, steps) = (sum + loss.Item(), steps + 1);
                }
                progress?.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{task.Name} epoch {epoch}/{Epochs}  loss {sum / steps:F4}"));
            }
        }
        var value = task.Score(network, tokenizer, test);
        return new NlpTaskResult(task.Name, PretrainedPath is null ? "scratch" : "pretrained", task.Metric, value, train.Count, test.Count, Epochs, clock.Elapsed.TotalSeconds);
    }

    private (RecurrentModel Encoder, ITokenizer Tokenizer) Encoder(IEnumerable<string> texts)
    {
        if (PretrainedPath is null)
        {
            var tokenizer = CharTokenizer.FromText(string.Concat(texts));
            var config = new LanguageModelConfig("lstm", tokenizer.VocabularySize, 64, ScratchShape.Layers, 1, ScratchShape.Dim);
            return (new RecurrentModel(config, new Rng(Seed)), tokenizer);
        }
        var (model, saved) = LanguageModelFile.Load(PretrainedPath);
        if (model is RecurrentModel recurrent && saved is CharTokenizer) return (recurrent, saved);
        model.Dispose();
        throw new ModelException($"{PretrainedPath}: fine-tuning needs a recurrent (rnn, lstm, gru) character model, not a {model.Config.Kind} with a {saved.Kind} tokenizer");
    }
}
