using Grimoire.Autograd;
using Grimoire.Text.Tokenizers;

namespace Grimoire.Language.Tasks;

/// <summary>Named-entity tagging (book §34) as token classification over characters with BIO tags (O, B-PER, I-PER,
/// B-LOC, I-LOC); entity F1 is the micro F1 of exact (start, end, type) spans decoded from the tags (a span starts at
/// a B tag and runs over the I tags of its type).</summary>
internal sealed class EntityTask : INlpTask
{
    private const int Ignore = -100;
    private static readonly string[] Kinds = ["PER", "LOC"];

    public string Name => "ner";
    public string Metric => "entity_f1";
    public int Outputs => 1 + 2 * Kinds.Length;

    public IReadOnlyList<object> Generate(int count, ulong seed) => TaskGenerators.Entities(count, seed);

    public string Input(object example) => ((TaggedText)example).Text;

    public Tensor Loss(TaskNetwork network, ITokenizer tokenizer, IReadOnlyList<object> batch)
    {
        var examples = batch.Cast<TaggedText>().ToArray();
        var input = TaskBatch.Of([.. examples.Select(e => tokenizer.Encode(e.Text))]);
        var labels = input.Labels([.. examples.Select(Tags)], Ignore);
        return network.Forward(input.Ids).Reshape(-1, Outputs).CrossEntropy(labels.Reshape(-1), ignoreIndex: Ignore);
    }

    public double Score(TaskNetwork network, ITokenizer tokenizer, IReadOnlyList<object> examples)
    {
        using var noGrad = GradMode.NoGrad();
        var (truePositives, predictedCount, goldCount) = (0, 0, 0);
        foreach (var chunk in examples.Chunk(64))
        {
            using var scope = new TensorScope();
            var batch = chunk.Cast<TaggedText>().ToArray();
            var input = TaskBatch.Of([.. batch.Select(e => tokenizer.Encode(e.Text))]);
            var tags = network.Forward(input.Ids).ArgMax(2).ToArray<int>(); // [T, batch]
            for (var b = 0; b < batch.Length; b++)
            {
                var predicted = Decode([.. Enumerable.Range(0, input.Lengths[b]).Select(t => tags[t * batch.Length + b])]);
                var gold = batch[b].Entities.ToHashSet();
                truePositives += predicted.Count(gold.Contains);
                (predictedCount, goldCount) = (predictedCount + predicted.Count, goldCount + gold.Count);
            }
        }
        var (precision, recall) = ((double)truePositives / Math.Max(predictedCount, 1), (double)truePositives / Math.Max(goldCount, 1));
        return precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
    }

    /// <summary>Tag per character: 0 = O, 1 + 2k = B of kind k, 2 + 2k = I of kind k.</summary>
    internal static int[] Tags(TaggedText example)
    {
        var tags = new int[example.Text.Length];
        foreach (var e in example.Entities)
        {
            var k = Array.IndexOf(Kinds, e.Kind);
            tags[e.Start] = 1 + 2 * k;
            for (var i = e.Start + 1; i < e.End; i++) tags[i] = 2 + 2 * k;
        }
        return tags;
    }

    /// <summary>The spans the tags describe.</summary>
    internal static List<EntitySpan> Decode(int[] tags)
    {
        var spans = new List<EntitySpan>();
        for (var i = 0; i < tags.Length; i++)
        {
            if (tags[i] == 0 || tags[i] % 2 == 0) continue;
            var inside = tags[i] + 1;
            var end = i + 1;
            while (end < tags.Length && tags[end] == inside) end++;
            spans.Add(new EntitySpan(i, end, Kinds[(tags[i] - 1) / 2]));
            i = end - 1;
        }
        return spans;
    }
}
