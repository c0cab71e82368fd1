using Grimoire.Language.Models;
using Grimoire.Nn;
using Grimoire.Nn.Layers;

namespace Grimoire.Language.Tasks;

/// <summary>A recurrent language model's encoder with a task head (book §34): the features at position t are the top
/// layer's h at t and at t + 1 (zeros past the end), so a left-to-right model sees one character ahead, enough to tell
/// where a word ends; a linear head maps them to per-position outputs. Fine-tuning trains encoder and head together.</summary>
public sealed class TaskNetwork : ModuleBase
{
    private readonly Linear _head;

    /// <summary>A head of <paramref name="outputs"/> on <paramref name="encoder"/> (owned from now on).</summary>
    public TaskNetwork(RecurrentModel encoder, int outputs, Rng rng)
    {
        ArgumentNullException.ThrowIfNull(encoder);
        Encoder = encoder;
        _head = new Linear(2 * encoder.Config.Dim, outputs, rng: rng);
    }

    /// <summary>The language model whose embedding and recurrent layers encode the text (its own head is not used).</summary>
    public RecurrentModel Encoder { get; }

    /// <inheritdoc/>
    protected override IEnumerable<(string Name, ModuleBase Module)> Children => [("encoder", Encoder), ("task_head", _head)];

    /// <summary>The parameters fine-tuning trains: all but the language model's next-token head.</summary>
    public IEnumerable<Parameter> Trainable() => NamedParameters().Where(p => !p.Name.StartsWith("encoder.head.", StringComparison.Ordinal)).Select(p => p.Parameter);

    /// <summary>Per-position outputs [T, batch, outputs] for ids [batch, T].</summary>
    public Tensor Forward(Tensor ids)
    {
        var (hidden, _) = Encoder.Encode(ids);
        var (steps, batch, dim) = (hidden.Shape[0], hidden.Shape[1], hidden.Shape[2]);
        var ahead = steps == 1
            ? Tensor.Zeros(new Shape(1, batch, dim))
            : Tensor.Concat([hidden.Slice(0, 1, steps), Tensor.Zeros(new Shape(1, batch, dim))], 0);
        return _head.Forward(Tensor.Concat([hidden, ahead], 2));
    }
}
