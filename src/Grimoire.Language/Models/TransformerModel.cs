using Grimoire.Autograd;
using Grimoire.Nn;
using Grimoire.Nn.Layers;

namespace Grimoire.Language.Models;

/// <summary>A GPT-style decoder-only transformer language model (book §33; nanoGPT): <see cref="DecoderOnlyTransformer"/>
/// with token embeddings plus positions, pre-LayerNorm blocks of causal multi-head attention and a GELU MLP, a final layer
/// norm and the output head tied to the embeddings. Each position sees at most <c>Context</c> tokens (its own and the ones
/// before it). Continuing a state uses the key/value cache while the sequences fit the context, so each new token costs one
/// position's work; past the context, positions slide with every token, so each new token re-reads the last window, which
/// is what decoding without a cache does throughout (<see cref="UseCache"/> = false gives that path, for comparison).</summary>
public sealed class TransformerModel : LanguageModel
{
    private readonly DecoderOnlyTransformer _model;

    /// <summary>A model of <paramref name="config"/>'s sizes (heads must divide dim) and positions.</summary>
    /// <exception cref="ArgumentException">a width that is not a multiple of the heads.</exception>
    public TransformerModel(LanguageModelConfig config, Rng? rng = null) : base(config.Validate())
    {
        if (config.Dim % config.Heads != 0) throw new ArgumentException($"transformer: --dim {config.Dim} must be a multiple of --heads {config.Heads}", nameof(config));
        var positions = config.Positions == LanguageModelConfig.LearnedPositions ? PositionalEncodingKind.Learned : PositionalEncodingKind.Sinusoidal;
        _model = new DecoderOnlyTransformer(new TransformerConfig(config.Vocabulary, config.Context, config.Layers, config.Heads, config.Dim, Positions: positions), rng);
    }

    /// <summary>The network.</summary>
    public DecoderOnlyTransformer Network => _model;

    /// <summary>Whether continuing a state reuses the key/value cache (the default) or re-reads the window every call.</summary>
    public bool UseCache { get; set; } = true;

    /// <inheritdoc/>
    public override bool CarriesState => false;

    /// <inheritdoc/>
    public override bool HasBoundedState => false;

    /// <inheritdoc/>
    protected override IEnumerable<(string Name, ModuleBase Module)> Children => [("transformer", _model)];

    /// <inheritdoc/>
    public override (Tensor Logits, DecodingState? State) Forward(Tensor ids, DecodingState? state = null)
    {
        var (batch, steps) = CheckIds(ids);
        var previous = StateAs<TransformerDecodingState>(state);
        if (previous is not null && previous.Tokens.Count != batch)
            throw new ArgumentException($"transformer: the state holds {previous.Tokens.Count} sequences but the ids {batch}", nameof(state));
        var context = Config.Context;
        var fresh = ids.ToArray<int>();
        var tokens = new int[batch][];
        for (var b = 0; b < batch; b++) tokens[b] = [.. previous?.Tokens[b] ?? [], .. fresh.AsSpan(b * steps, steps)];
        var length = tokens[0].Length;
        var overflowed = (previous?.Overflowed ?? false) || length > context;
        Tensor logits;
        KeyValueCache? cache = null;
        if (!overflowed)
        {
            var cached = UseCache && !GradMode.IsEnabled;
            if (cached && previous?.Cache is { } reusable && reusable.Length == length - steps)
            {
                cache = reusable;
                logits = _model.Forward(ids, cache);
            }
            else
            {
                // The whole sequence read once: with gradients (training), without a cache, or to build the cache.
                var all = previous is null ? ids : Ids(tokens, 0, length);
                cache = cached ? _model.CreateCache(batch) : null;
                var full = cache is null ? _model.Forward(all) : _model.Forward(all, cache);
                logits = previous is null ? full : full.Slice(1, length - steps, length);
            }
        }
        else
        {
            logits = Tensor.Concat([.. Enumerable.Range(length - steps, steps).Select(p => WindowLogits(tokens, p, context))], 1);
        }
        if (!ReferenceEquals(cache, previous?.Cache)) previous?.Cache?.Dispose();
        var kept = tokens.Select(t => t.Length > context ? t[^context..] : t).ToArray();
        return (logits, new TransformerDecodingState(kept, overflowed, cache));
    }

    /// <summary>The logits [batch, 1, vocab] of position <paramref name="p"/> read in its own window: the context tokens
    /// ending at it (or all before it near the start).</summary>
    private Tensor WindowLogits(int[][] tokens, int p, int context)
    {
        var start = Math.Max(0, p + 1 - context);
        var full = _model.Forward(Ids(tokens, start, p + 1));
        return full.Slice(1, p - start, p - start + 1);
    }

    private static Tensor Ids(int[][] tokens, int start, int end)
    {
        var ids = new int[tokens.Length * (end - start)];
        for (var b = 0; b < tokens.Length; b++) Array.Copy(tokens[b], start, ids, b * (end - start), end - start);
        return Tensor.FromArray(ids, new Shape(tokens.Length, end - start));
    }
}
