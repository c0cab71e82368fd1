using Grimoire.Autograd;
using Grimoire.Text.Tokenizers;

namespace Grimoire.Language.Tasks;

/// <summary>Extractive question answering (book §34): the input is the question, a new line and the passage; the head's
/// two outputs per position are start and end logits, softmaxed over the passage's positions only; the prediction is the
/// best start and the best end at or after it (at most 30 characters on); exact match on held-out questions.</summary>
internal sealed class QuestionAnsweringTask : INlpTask
{
    private const int LongestAnswer = 30;

    public string Name => "qa";
    public string Metric => "exact_match";
    public int Outputs => 2;

    public IReadOnlyList<object> Generate(int count, ulong seed) => TaskGenerators.Questions(count, seed);

    public string Input(object example) => Text((QuestionAnswer)example);

    public Tensor Loss(TaskNetwork network, ITokenizer tokenizer, IReadOnlyList<object> batch)
    {
        var examples = batch.Cast<QuestionAnswer>().ToArray();
        var (start, end) = Logits(network, tokenizer, examples);
        var offsets = examples.Select(e => e.Question.Length + 1).ToArray();
        var starts = Tensor.FromArray([.. examples.Select((e, i) => offsets[i] + e.Start)]);
        var ends = Tensor.FromArray([.. examples.Select((e, i) => offsets[i] + e.End - 1)]);
        return (start.CrossEntropy(starts) + end.CrossEntropy(ends)) * 0.5;
    }

    public double Score(TaskNetwork network, ITokenizer tokenizer, IReadOnlyList<object> examples)
    {
        using var noGrad = GradMode.NoGrad();
        var exact = 0;
        foreach (var chunk in examples.Chunk(64))
        {
            using var scope = new TensorScope();
            var batch = chunk.Cast<QuestionAnswer>().ToArray();
            var (start, end) = Logits(network, tokenizer, batch);
            var (steps, s, e) = (start.Shape[1], start.ToArray<float>(), end.ToArray<float>());
            for (var b = 0; b < batch.Length; b++)
            {
                var row = b * steps;
                var first = Enumerable.Range(0, steps).MaxBy(t => s[row + t]);
                var last = Enumerable.Range(first, Math.Min(LongestAnswer, steps - first)).MaxBy(t => e[row + t]);
                var offset = batch[b].Question.Length + 1;
                if (first - offset == batch[b].Start && last + 1 - offset == batch[b].End) exact++;
            }
        }
        return (double)exact / examples.Count;
    }

    private static string Text(QuestionAnswer example) => $"{example.Question}\n{example.Passage}";

    /// <summary>Start and end logits [batch, T], positions outside the passage (question, padding) at −1e9.</summary>
    private static (Tensor Start, Tensor End) Logits(TaskNetwork network, ITokenizer tokenizer, QuestionAnswer[] examples)
    {
        var input = TaskBatch.Of([.. examples.Select(e => tokenizer.Encode(Text(e)))]);
        var outside = new float[examples.Length * input.Steps];
        for (var b = 0; b < examples.Length; b++)
            for (var t = 0; t < input.Steps; t++)
                outside[b * input.Steps + t] = t <= examples[b].Question.Length || t >= input.Lengths[b] ? 1 : 0;
        var mask = Tensor.FromArray(outside, new Shape(examples.Length, input.Steps)).Gt(0.5);
        var outputs = network.Forward(input.Ids).Permute(2, 1, 0); // [2, batch, T]
        Tensor Side(int k) => outputs.Slice(0, k, k + 1).Squeeze(0).MaskedFill(mask, -1e9);
        return (Side(0), Side(1));
    }
}
