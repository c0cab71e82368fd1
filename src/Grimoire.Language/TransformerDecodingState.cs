using Grimoire.Nn.Layers;

namespace Grimoire.Language;

/// <summary>The state of a transformer language model: each sequence's last tokens (at most the context length; the
/// model re-reads them when it has no usable cache) and, while the sequences still fit the context, the key/value cache
/// of exactly those tokens.</summary>
public sealed class TransformerDecodingState : DecodingState
{
    /// <summary>The state of sequences <paramref name="tokens"/> (row b: the last tokens of sequence b, oldest first),
    /// <paramref name="overflowed"/> once a sequence has outgrown the context, with the cache of those tokens or null.</summary>
    public TransformerDecodingState(int[][] tokens, bool overflowed, KeyValueCache? cache)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        (Tokens, Overflowed, Cache) = (tokens, overflowed, cache);
    }

    /// <summary>Row b: the last tokens of sequence b, oldest first (at most the context length).</summary>
    public IReadOnlyList<int[]> Tokens { get; }

    /// <summary>True once the sequences are longer than the context: positions then slide with every new token, so no
    /// cache can be reused and each new token re-reads the last window.</summary>
    public bool Overflowed { get; }

    /// <summary>Keys and values of <see cref="Tokens"/> at positions 0…, or null.</summary>
    public KeyValueCache? Cache { get; }

    /// <inheritdoc/>
    public override DecodingState Detach() => this;

    /// <inheritdoc/>
    public override DecodingState KeepIn(TensorScope scope)
    {
        Cache?.KeepIn(scope);
        return this;
    }

    /// <inheritdoc/>
    public override void Dispose() => Cache?.Dispose();
}
