using Grimoire.Nn;
using Grimoire.Nn.Layers;

namespace Grimoire.Language.Models;

/// <summary>A recurrent language model (book §31.2–31.3, §33; char-rnn): token embeddings of dim, a stack of RNN, LSTM
/// or GRU layers of dim units (the fused sequence ops: one GEMM for every step's input projection, then the recurrence),
/// and a linear head to next-token logits. Its state is the layers' h (and c), so training carries it across windows.</summary>
public sealed class RecurrentModel : LanguageModel
{
    private readonly Embedding _embedding;
    private readonly RecurrentLayer _layers;
    private readonly Linear _head;

    /// <summary>A model whose recurrent layers are <paramref name="config"/>'s kind: "rnn", "lstm" or "gru".</summary>
    /// <exception cref="ArgumentException">another kind.</exception>
    public RecurrentModel(LanguageModelConfig config, Rng? rng = null) : base(config.Validate())
    {
        var (dim, layers) = (config.Dim, config.Layers);
        _layers = config.Kind switch
        {
            "rnn" => new RNN(dim, dim, layers, rng: rng),
            "lstm" => new LSTM(dim, dim, layers, rng: rng),
            "gru" => new GRU(dim, dim, layers, rng: rng),
            _ => throw new ArgumentException($"a recurrent language model is rnn, lstm or gru, not '{config.Kind}'", nameof(config)),
        };
        _embedding = new Embedding(config.Vocabulary, dim, rng);
        _head = new Linear(dim, config.Vocabulary, rng: rng);
    }

    /// <inheritdoc/>
    public override bool CarriesState => true;

    /// <summary>How the recurrent layers run their steps (all modes compute the same).</summary>
    public RecurrentMode Mode
    {
        get => _layers.Mode;
        set => _layers.Mode = value;
    }

    /// <inheritdoc/>
    protected override IEnumerable<(string Name, ModuleBase Module)> Children => [("embedding", _embedding), ("rnn", _layers), ("head", _head)];

    /// <inheritdoc/>
    public override (Tensor Logits, DecodingState? State) Forward(Tensor ids, DecodingState? state = null)
    {
        var (hidden, next) = Encode(ids, state);
        return (_head.Forward(hidden).Transpose(0, 1), next);
    }

    /// <summary>The top layer's h at every position, time-major [T, batch, dim], and the state after the last position:
    /// the features a task head fine-tunes on (book §34).</summary>
    /// <exception cref="ShapeException">ids that are not [batch, T] or hold an id outside the vocabulary.</exception>
    public (Tensor Hidden, RecurrentDecodingState State) Encode(Tensor ids, DecodingState? state = null)
    {
        var (batch, _) = CheckIds(ids);
        var carried = StateAs<RecurrentDecodingState>(state)?.Layers;
        if (carried is not null && carried.H.Shape[1] != batch)
            throw new ArgumentException($"{Config.Kind}: the state holds {carried.H.Shape[1]} sequences but the ids {batch}", nameof(state));
        // Time-major inside: the sequence ops run [T, batch, ·], so only the small id matrix is transposed on the way in.
        var (output, next) = _layers.Forward(_embedding.Forward(ids.Transpose(0, 1).Contiguous()), carried);
        return (output, new RecurrentDecodingState(next));
    }
}
