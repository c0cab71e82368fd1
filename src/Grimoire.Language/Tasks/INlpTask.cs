using Grimoire.Text.Tokenizers;

namespace Grimoire.Language.Tasks;

/// <summary>A §34 task: its labelled examples, the texts they hold (to check a tokeniser covers them), the head's size,
/// the fine-tuning loss of a batch and the test metric.</summary>
internal interface INlpTask
{
    string Name { get; }

    /// <summary>"accuracy", "entity_f1" or "exact_match".</summary>
    string Metric { get; }

    /// <summary>Outputs per position of the head.</summary>
    int Outputs { get; }

    /// <summary>Generates <paramref name="count"/> examples (seeded), held by the task for <see cref="Loss"/> and <see cref="Score"/>.</summary>
    IReadOnlyList<object> Generate(int count, ulong seed);

    /// <summary>The input text of an example.</summary>
    string Input(object example);

    /// <summary>Mean loss over a batch of examples.</summary>
    Tensor Loss(TaskNetwork network, ITokenizer tokenizer, IReadOnlyList<object> batch);

    /// <summary>The metric over <paramref name="examples"/> (no gradients), in [0, 1].</summary>
    double Score(TaskNetwork network, ITokenizer tokenizer, IReadOnlyList<object> examples);
}
