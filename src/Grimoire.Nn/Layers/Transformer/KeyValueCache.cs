namespace Grimoire.Nn.Layers;

/// <summary>The keys and values a decoder's attention layers have computed for the tokens seen so far (book §33.4), so that
/// generating the next token runs the model on that token alone instead of the whole prefix. One [batch, heads, capacity,
/// head_dim] buffer pair per layer, filled front to back; <see cref="Length"/> tokens are valid.</summary>
public sealed class KeyValueCache : IDisposable
{
    private readonly Tensor[] _keys;
    private readonly Tensor[] _values;

    /// <summary>Empty buffers for <paramref name="layers"/> layers of <paramref name="heads"/> heads of <paramref name="headDim"/>
    /// features, for up to <paramref name="capacity"/> tokens of <paramref name="batch"/> sequences.</summary>
    /// <exception cref="ArgumentOutOfRangeException">a size below 1.</exception>
    public KeyValueCache(int layers, int batch, int heads, int capacity, int headDim, DType dtype = DType.Float32, Device? device = null)
    {
        foreach (var (size, name) in new[] { (layers, nameof(layers)), (batch, nameof(batch)), (heads, nameof(heads)), (capacity, nameof(capacity)), (headDim, nameof(headDim)) })
            ArgumentOutOfRangeException.ThrowIfLessThan(size, 1, name);
        var shape = new Shape(batch, heads, capacity, headDim);
        _keys = [.. Enumerable.Range(0, layers).Select(_ => Tensor.Zeros(shape, dtype, device))];
        _values = [.. Enumerable.Range(0, layers).Select(_ => Tensor.Zeros(shape, dtype, device))];
        (Batch, Capacity) = (batch, capacity);
    }

    /// <summary>Attention layers the cache serves.</summary>
    public int Layers => _keys.Length;

    /// <summary>Sequences cached side by side.</summary>
    public int Batch { get; }

    /// <summary>Most tokens the buffers hold.</summary>
    public int Capacity { get; }

    /// <summary>Tokens cached so far (the position of the next one).</summary>
    public int Length { get; private set; }

    /// <summary>Forgets every cached token (the buffers are kept).</summary>
    public void Clear() => Length = 0;

    /// <summary>Writes layer <paramref name="layer"/>'s keys and values of the new tokens ([batch, heads, n, head_dim] each) after
    /// the cached ones and returns all of them, cached and new; <see cref="Advance"/> then counts the new tokens.</summary>
    /// <exception cref="InvalidOperationException">the new tokens do not fit the capacity.</exception>
    internal (Tensor Keys, Tensor Values) Append(int layer, Tensor keys, Tensor values)
    {
        var end = Length + keys.Shape[2];
        if (end > Capacity) throw new InvalidOperationException($"the key/value cache holds {Capacity} tokens; {Length} cached plus {keys.Shape[2]} new do not fit");
        keys.CopyTo(_keys[layer].Slice(2, Length, end));
        values.CopyTo(_values[layer].Slice(2, Length, end));
        return (_keys[layer].Slice(2, 0, end), _values[layer].Slice(2, 0, end));
    }

    /// <summary>Counts <paramref name="tokens"/> new tokens as cached, once every layer has appended them.</summary>
    internal void Advance(int tokens) => Length += tokens;

    /// <summary>Hands the buffers to the scope enclosing <paramref name="scope"/>, so the cache outlives a step's scope
    /// (its buffers are allocated in the scope current when it is built); returns this.</summary>
    public KeyValueCache KeepIn(TensorScope scope)
    {
        ArgumentNullException.ThrowIfNull(scope);
        foreach (var t in _keys.Concat(_values)) scope.Keep(t);
        return this;
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        foreach (var t in _keys.Concat(_values)) t.Dispose();
    }
}
