namespace Grimoire.Nn.Layers;

/// <summary>A GPT-style decoder-only transformer language model (book §33, nanoGPT's <c>GPT</c>): token embeddings ("wte")
/// plus positions, pre-LayerNorm blocks ("h.0", …), a final layer norm ("ln_f") and an output head tied to the token
/// embeddings (logits = x·wteᵀ, no separate weight). Initialised as GPT-2: weights and embeddings from N(0, 0.02²), the
/// residual projections from N(0, (0.02/√(2·layers))²), biases 0, layer norms 1.</summary>
public sealed class DecoderOnlyTransformer : Module
{
    private readonly Dropout _dropout;

    /// <summary>A model of <paramref name="config"/>'s shape drawn with <paramref name="rng"/> (<see cref="Rng.Default"/> when null).</summary>
    /// <exception cref="ArgumentOutOfRangeException">an invalid configuration (see <see cref="TransformerConfig.Validate"/>).</exception>
    public DecoderOnlyTransformer(TransformerConfig config, Rng? rng = null, DType dtype = DType.Float32)
    {
        config.Validate();
        Config = config;
        TokenEmbedding = new Embedding(config.VocabSize, config.Dim, rng, dtype);
        NormalInit.Fill(TokenEmbedding.Weight, NormalInit.Std, rng);
        Positions = PositionalEncoding.Create(config.Positions, config.ContextLength, config.Dim, rng, dtype);
        var residualStd = NormalInit.Std / Math.Sqrt(2.0 * config.Layers);
        Blocks = new ModuleList<TransformerBlock>(Enumerable.Range(0, config.Layers)
            .Select(_ => new TransformerBlock(config.Dim, config.Heads, config.Bias, config.Dropout, residualStd, rng, dtype)));
        FinalNorm = new LayerNorm(config.Dim, dtype: dtype, bias: config.Bias);
        _dropout = new Dropout(config.Dropout, rng ?? Rng.Default);
    }

    /// <summary>The model's shape.</summary>
    public TransformerConfig Config { get; }

    /// <summary>Token embeddings [vocab, dim] ("wte"), also the output head's weights.</summary>
    public Embedding TokenEmbedding { get; }

    /// <summary>The positions added to the embeddings ("wpe").</summary>
    public PositionalEncoding Positions { get; }

    /// <summary>The transformer blocks ("h").</summary>
    public ModuleList<TransformerBlock> Blocks { get; }

    /// <summary>The final layer norm ("ln_f").</summary>
    public LayerNorm FinalNorm { get; }

    /// <inheritdoc/>
    protected override IEnumerable<(string Name, ModuleBase Module)> Children =>
        [("wte", TokenEmbedding), ("wpe", Positions), ("h", Blocks), ("ln_f", FinalNorm), ("drop", _dropout)];

    /// <summary>Token ids [batch, t] (int32, t ≤ the context length) to next-token logits [batch, t, vocab].</summary>
    /// <exception cref="ShapeException">ids that are not [batch, t].</exception>
    /// <exception cref="ArgumentOutOfRangeException">more tokens than the context length.</exception>
    public override Tensor Forward(Tensor input)
    {
        var x = Embed(input, 0);
        foreach (var block in Blocks) x = block.Forward(x);
        return Head(x);
    }

    /// <summary>The logits [batch, n, vocab] of <paramref name="input"/>'s n new tokens [batch, n], which follow the tokens
    /// already in <paramref name="cache"/> (positions cache.Length onwards); their keys and values are added to it.</summary>
    /// <exception cref="ArgumentException">a cache of another batch size or built for another model.</exception>
    /// <exception cref="ArgumentOutOfRangeException">tokens past the context length.</exception>
    public Tensor Forward(Tensor input, KeyValueCache cache)
    {
        if (input.Rank == 2 && cache.Batch != input.Shape[0]) throw new ArgumentException($"the cache holds {cache.Batch} sequences, the input {input.Shape[0]}", nameof(cache));
        if (cache.Layers != Config.Layers) throw new ArgumentException($"the cache has {cache.Layers} layers, the model {Config.Layers}", nameof(cache));
        var x = Embed(input, cache.Length);
        for (var layer = 0; layer < Blocks.Count; layer++) x = Blocks[layer].Forward(x, cache, layer);
        cache.Advance(input.Shape[1]);
        return Head(x);
    }

    /// <summary>An empty key/value cache for <paramref name="batch"/> sequences of up to the context length.</summary>
    public KeyValueCache CreateCache(int batch) =>
        new(Config.Layers, batch, Config.Heads, Config.ContextLength, Config.Dim / Config.Heads, TokenEmbedding.Weight.Value.DType, TokenEmbedding.Weight.Value.Device);

    private Tensor Embed(Tensor ids, int start)
    {
        if (ids.Rank != 2) throw new ShapeException($"a language model takes token ids [batch, tokens], got {ids.Shape}");
        return _dropout.Forward(Positions.Forward(TokenEmbedding.Forward(ids), start));
    }

    private Tensor Head(Tensor x) => FinalNorm.Forward(x).Linear(TokenEmbedding.Weight.Value.Transpose());
}
