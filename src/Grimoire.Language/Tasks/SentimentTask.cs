using Grimoire.Autograd;
using Grimoire.Text.Tokenizers;

namespace Grimoire.Language.Tasks;

/// <summary>Sentiment classification (book §34): the head's two outputs at a sentence's last character (which has read
/// the whole sentence) are the logits of negative and positive; accuracy on held-out sentences.</summary>
internal sealed class SentimentTask : INlpTask
{
    public string Name => "sentiment";
    public string Metric => "accuracy";
    public int Outputs => 2;

    public IReadOnlyList<object> Generate(int count, ulong seed) => TaskGenerators.Sentiment(count, seed);

    public string Input(object example) => ((LabelledText)example).Text;

    public Tensor Loss(TaskNetwork network, ITokenizer tokenizer, IReadOnlyList<object> batch) =>
        Logits(network, tokenizer, batch).CrossEntropy(Tensor.FromArray([.. batch.Cast<LabelledText>().Select(e => e.Label)]));

    public double Score(TaskNetwork network, ITokenizer tokenizer, IReadOnlyList<object> examples)
    {
        using var noGrad = GradMode.NoGrad();
        var correct = 0;
        foreach (var chunk in examples.Chunk(64))
        {
            using var scope = new TensorScope();
            var predicted = Logits(network, tokenizer, chunk).ArgMax(1).ToArray<int>();
            correct += chunk.Cast<LabelledText>().Where((e, i) => e.Label == predicted[i]).Count();
        }
        return (double)correct / examples.Count;
    }

    private static Tensor Logits(TaskNetwork network, ITokenizer tokenizer, IReadOnlyList<object> batch)
    {
        var texts = batch.Select(e => tokenizer.Encode(((LabelledText)e).Text)).ToArray();
        var input = TaskBatch.Of(texts);
        var outputs = network.Forward(input.Ids); // [T, batch, 2]
        var last = input.Lengths.Select((length, b) => (length - 1) * texts.Length + b).ToArray();
        return outputs.Reshape(-1, 2).Gather(0, Tensor.FromArray(last));
    }
}
