using Grimoire.Nn;
using Grimoire.Nn.Layers;

namespace Grimoire.Language.Models;

/// <summary>The fixed-context MLP of book §31 (Bengio et al. 2003, makemore's "mlp"): the embeddings of the last
/// <c>context</c> tokens, concatenated, through a tanh hidden layer of 4·dim units to next-token logits. Positions before
/// a sequence's start read a dedicated start id (the vocabulary size), so the model needs no padding token in the text.</summary>
public sealed class MlpModel : LanguageModel
{
    private readonly Embedding _embedding;
    private readonly Linear _hidden;
    private readonly Linear _output;

    /// <summary>Embeddings of dim, a hidden layer of 4·dim and the output layer, drawn with <paramref name="rng"/>.</summary>
    public MlpModel(LanguageModelConfig config, Rng? rng = null) : base(config.Validate())
    {
        if ((long)config.Context * config.Dim * 4L * config.Dim > int.MaxValue)
            throw new ArgumentOutOfRangeException(nameof(config), $"mlp: context {config.Context} × dim {config.Dim} makes a hidden layer over {int.MaxValue} weights");
        _embedding = new Embedding(config.Vocabulary + 1, config.Dim, rng);
        _hidden = new Linear(config.Context * config.Dim, 4 * config.Dim, Activation.Tanh, rng);
        _output = new Linear(4 * config.Dim, config.Vocabulary, rng: rng);
    }

    /// <inheritdoc/>
    public override bool CarriesState => false;

    /// <inheritdoc/>
    protected override IEnumerable<(string Name, ModuleBase Module)> Children => [("embedding", _embedding), ("hidden", _hidden), ("output", _output)];

    /// <inheritdoc/>
    public override (Tensor Logits, DecodingState? State) Forward(Tensor ids, DecodingState? state = null)
    {
        var (batch, steps) = CheckIds(ids);
        var history = StateAs<ContextState>(state)?.History;
        if (history is not null && history.Count != batch)
            throw new ArgumentException($"mlp: the state holds {history.Count} sequences but the ids {batch}", nameof(state));
        var (context, start) = (Config.Context, Config.Vocabulary);
        var tokens = ids.ToArray<int>();
        // Each row's history then its ids: window t is padded[t .. t + context).
        var padded = new int[context - 1 + steps];
        var windows = new int[(long)batch * steps * context];
        var next = new int[batch][];
        for (var b = 0; b < batch; b++)
        {
            for (var i = 0; i < context - 1; i++) padded[i] = history?[b][i] ?? start;
            for (var t = 0; t < steps; t++)
            {
                var id = tokens[b * steps + t];
                if ((uint)id >= (uint)start) throw new ShapeException($"mlp: token id {id} is outside [0, {start})");
                padded[context - 1 + t] = id;
            }
            for (var t = 0; t < steps; t++) Array.Copy(padded, t, windows, ((long)b * steps + t) * context, context);
            next[b] = padded[steps..];
        }
        var embedded = _embedding.Forward(Tensor.FromArray(windows, new Shape(batch, steps, context)));
        var logits = _output.Forward(_hidden.Forward(embedded.Reshape(batch, steps, context * Config.Dim)));
        return (logits, new ContextState(next));
    }
}
